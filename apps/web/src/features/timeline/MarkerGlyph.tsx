/**
 * The shape of each kind of timeline marker, so kinds differ by shape as well as colour:
 * trouble is a triangle (filled for a safety violation, hollow for a failed
 * linearizability check), a crash a cross, a restart a ring, a partition and a heal a
 * diamond (hollow, filled), a new leader a dot, a committed write a small dot.
 */
import type { MarkerKind } from '@raftlab/protocol';

export interface MarkerGlyphProps {
  /** The kind drawn. */
  kind: MarkerKind;
}

/** Drawn in a 12×12 box, in the current colour (the theme's `--marker-KIND`, set on the marker). */
export function MarkerGlyph({ kind }: MarkerGlyphProps) {
  return (
    <svg className="marker-glyph" viewBox="0 0 12 12" aria-hidden="true">
      {shape(kind)}
    </svg>
  );
}

function shape(kind: MarkerKind) {
  switch (kind) {
    case 'violation':
    case 'nonlinearizable':
      return <path d="M6 1 L11 11 L1 11 Z" className={kind === 'violation' ? 'fill' : 'hollow'} />;
    case 'crash':
      return <path d="M2.5 2.5 L9.5 9.5 M9.5 2.5 L2.5 9.5" className="stroke" />;
    case 'restart':
      return <circle cx="6" cy="6" r="3.6" className="hollow" />;
    case 'partition':
    case 'heal':
      return <path d="M6 1.5 L10.5 6 L6 10.5 L1.5 6 Z" className={kind === 'heal' ? 'fill' : 'hollow'} />;
    case 'leader':
      return <circle cx="6" cy="6" r="3.6" className="fill" />;
    case 'write':
      return <circle cx="6" cy="6" r="2.2" className="fill" />;
  }
}
