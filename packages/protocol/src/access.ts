/**
 * Owners and viewers (issue 16). Creating a cluster answers, once, a secret owner token
 * and two links: the owner link (`/c/<id>#owner=<token>`, for the owner's other devices;
 * a URL fragment never reaches a server log or a Referer) and the view link (`/c/<id>`).
 * A request that carries the token (`Authorization: Bearer <token>`) may do anything to
 * the cluster; without it, the cluster can be watched but not changed, unless its owner
 * has opened control to everyone with the link. The server's rule is in one place:
 * apps/server/src/plugins/access.ts.
 */
import { Type, type Static } from 'typebox';

/** What the caller of `GET /api/clusters/:id` (or `/access`) may do, judged by its token. */
export const AccessSchema = Type.Object({
  /** The owner has opened control to everyone with the link (a classroom playground). */
  open: Type.Boolean(),
  /** The request carried the owner's token. */
  owner: Type.Boolean(),
  /** The request may change the cluster: it is the owner's, or control is open. */
  control: Type.Boolean(),
});
export type Access = Static<typeof AccessSchema>;

/** `PUT /api/clusters/:id/access` (owner only): open control to everyone with the link, or close it. */
export const AccessBodySchema = Type.Object({ open: Type.Boolean() }, { additionalProperties: false });
export type AccessBody = Static<typeof AccessBodySchema>;

/** The owner's secret and the link that carries it, answered only to the cluster's creator. */
export const OwnerSchema = Type.Object({
  /** 128 random bits, base64url: send it as `Authorization: Bearer <token>`. */
  token: Type.String(),
  /** `/c/<id>#owner=<token>`: opens the dashboard with control on another device. */
  link: Type.String(),
});
export type Owner = Static<typeof OwnerSchema>;

/** What every route that makes a cluster answers besides its own fields. */
export const OwnershipSchema = Type.Object({
  owner: OwnerSchema,
  /** `/c/<id>`: watch the cluster; acting needs the owner's token or open control. */
  viewLink: Type.String(),
});
export type Ownership = Static<typeof OwnershipSchema>;

/** What a viewer of the stream learns of the access: whether control is open (no viewer sends a token). */
export const StreamAccessSchema = Type.Object({ open: Type.Boolean() });
export type StreamAccess = Static<typeof StreamAccessSchema>;

/** The owner link of cluster `id`; the token goes in the fragment, which the browser never sends. */
export const ownerLink = (id: string, token: string): string => `/c/${id}#owner=${token}`;
export const viewLink = (id: string): string => `/c/${id}`;
