/** The parts of a legend tab (Legend.tsx): a row of picture and words, and the pictures' frame. */
import type { ReactNode } from 'react';

export interface LegendRowData {
  /** Names the row among its tab's (React's key). */
  key: string;
  /** What the ring draws, drawn the same way. */
  picture: ReactNode;
  /** What it means. */
  text: ReactNode;
}

/** A tab's rows as a list named `name` (`Node legend`). */
export function LegendList({
  name,
  rows,
}: {
  /** The list's name. */ name: string;
  /** Its rows. */ rows: LegendRowData[];
}) {
  return (
    <ul className="legend__list" aria-label={name}>
      {rows.map(({ key, picture, text }) => (
        <li key={key}>
          {picture}
          <span>{text}</span>
        </li>
      ))}
    </ul>
  );
}

/** A 20 px picture in the ring's coordinates, centred on the origin. */
export function Picture({
  children,
  className,
}: {
  /** SVG content. */ children: ReactNode;
  /** Classes that style the content (`link--cut`). */ className?: string;
}) {
  return (
    <svg width={20} height={20} viewBox="-11 -11 22 22" aria-hidden="true" className={className}>
      {children}
    </svg>
  );
}
