// Wire types of the account routes of api.md (Auth): the "me" facts, API keys and OIDC sign-in.
import type { AuthUser, EpochSeconds } from "./types";

export interface Me extends AuthUser {
  has_password: boolean;
  linked_providers: string[];
}
export interface ApiKey {
  id: string;
  key_prefix: string;
  name: string;
  is_active: boolean;
  created_at: EpochSeconds;
  last_used_at: EpochSeconds | null;
}
/** The answer to creating a key: the only time `key` (orch_ + 64 hex) is ever sent. */
export interface CreatedApiKey {
  id: string;
  key: string;
  key_prefix: string;
  name: string;
  created_at: EpochSeconds;
}
export interface RevokedApiKey {
  status: "revoked";
  key_id: string;
}
export interface OidcProvider {
  name: string;
  display_name: string;
}
export interface OidcLoginStart {
  authorization_url: string;
  state_token: string;
}
export interface OidcCallbackRequest {
  code: string;
  state: string;
  state_token: string;
  redirect_uri: string;
}
export interface OidcLinked {
  provider: string;
  provider_user_id: string;
  provider_email: string | null;
}
export interface OidcIdentity {
  provider: string;
  provider_email: string | null;
  created_at: EpochSeconds;
}
