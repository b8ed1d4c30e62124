// Wire types of the account routes of api.md (Auth): the "me" facts, API keys and OIDC sign-in.
import type { UserRole } from "./types";
import type { Body, Narrow, Schemas } from "./wire";

export type Me = Narrow<Schemas["MeDto"], { role: UserRole }>;
export type ApiKey = Schemas["ApiKeyDto"];
/** The answer to creating a key: the only time `key` (orch_ + 64 hex) is ever sent. */
export type CreatedApiKey = Schemas["CreatedApiKeyDto"];
export type RevokedApiKey = Narrow<Schemas["RevokedDto"], { status: "revoked" }>;
export type OidcProvider = Narrow<Schemas["AnonymousTypeOfstringAndstring"], { name: string; display_name: string }>;
export type OidcLoginStart = Schemas["LoginStartDto"];
export type OidcCallbackRequest = Body<Schemas["CallbackRequest"], "code" | "state" | "state_token" | "redirect_uri">;
export type OidcLinked = Schemas["LinkedDto"];
export type OidcIdentity = Schemas["IdentityDto"];
