/**
 * A cluster's owner, and whether it lets everyone with the link act (issue 16, "Owners
 * and viewers"; the rules of who needs what are plugins/access.ts's).
 *
 * The owner is whoever holds the token answered when the cluster was made: 128 bits from
 * `randomBytes`, base64url. The server keeps only its SHA-256 digest, so nothing it holds
 * (in memory, or in a data file) is a token; a presented token is hashed and compared with
 * `timingSafeEqual`, so the time taken says nothing about how much of it was right (both
 * digests are 32 bytes, whatever was sent).
 *
 * A rewind's branch is its cluster's other future and keeps the same owner (`copy`); a
 * fork only reads its source, so it is a new cluster owned by whoever forked it (`issue`).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Bytes of randomness in a token: 128 bits. */
const TOKEN_BYTES = 16;

const digestOf = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export class ClusterAccess {
  private constructor(
    private readonly digest: Buffer,
    /** Everyone with the link may act, except delete and open or close control. */
    public open: boolean,
  ) {}

  /** A new owner: the access to keep, and the token to answer once to whoever made the cluster. */
  static issue(): { access: ClusterAccess; token: string } {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    return { access: new ClusterAccess(digestOf(token), false), token };
  }

  /** The same owner and openness, for a branch; opened or closed apart from this one afterwards. */
  copy(): ClusterAccess {
    return new ClusterAccess(this.digest, this.open);
  }

  /** The owner's digest, hex: what a store keeps of the owner (persist/store.ts). */
  get storedDigest(): string {
    return this.digest.toString('hex');
  }

  /** The access a store kept: the owner's digest and whether control is open. */
  static restore(digestHex: string, open: boolean): ClusterAccess {
    return new ClusterAccess(Buffer.from(digestHex, 'hex'), open);
  }

  /** Whether `token` is the owner's. */
  isOwner(token: string | undefined): boolean {
    return token !== undefined && timingSafeEqual(digestOf(token), this.digest);
  }

  /** Whether a request with `token` (or none) may change the cluster. */
  mayControl(token: string | undefined): boolean {
    return this.open || this.isOwner(token);
  }
}
