/**
 * Secret redaction. Everything wink sends to a model — user messages, assistant text, tool inputs and
 * outputs — goes through {@link redactSecrets} first, so credentials that appear in a session never leave the
 * machine. Each secret is replaced by `[REDACTED:<kind>]`; for `NAME=value` shapes the name is kept, since it
 * tells the classifier what was there.
 *
 * The rules are ordered: specific token formats first (an Anthropic key is also shaped like an OpenAI one),
 * then key-value shapes (assignments, headers, URLs), which skip values already redacted.
 */

/** One kind of secret and how to find it. */
export interface RedactionRule {
  /** Stable id of the kind, shown in the replacement. */
  kind: string;
  /** What it matches, for people reading the table. */
  description: string;
  /** Global pattern. When it has a group named `keep`, that part of the match is kept before the replacement. */
  pattern: RegExp;
}

/** A value that is a number or a literal is not a secret, whatever its name says (`MAX_TOKENS=1024`). */
const HARMLESS_VALUE = /^(?:\d+|true|false|null|none|undefined|\[REDACTED:[a-z-]+\])$/i;

/**
 * Names of assignments whose value is a secret: a run of capitals, digits and underscores that holds one of the
 * words. The lookahead finds the word, then the run is read once: `[A-Z0-9_]*WORD[A-Z0-9_]*` tried every split
 * of a long run around every occurrence of the word (cubic time on `PRIVATE_KEY` repeated).
 */
const SECRET_NAME = String.raw`(?=[A-Z0-9_]*(?:SECRET|PASSWORD|PASSWD|PASSPHRASE|TOKEN|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIAL|AUTH_KEY|CLIENT_KEY|SIGNING_KEY|DATABASE_URL))[A-Z0-9_]+`;

/** The redaction table, applied top to bottom. */
export const REDACTION_RULES: readonly RedactionRule[] = [
  { kind: 'private-key', description: 'PEM private keys (RSA, EC, OpenSSH, PKCS#8), also with escaped newlines or cut off', pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g },
  { kind: 'anthropic-api-key', description: 'Anthropic API and admin keys (sk-ant-…)', pattern: /\bsk-ant-[\w-]{20,}/g },
  { kind: 'openai-api-key', description: 'OpenAI project, service-account, admin and legacy keys (sk-proj-…, sk-svcacct-…, sk-…)', pattern: /\bsk-(?:proj|svcacct|admin|None)-[\w-]{20,}|\bsk-[A-Za-z0-9]{32,}/g },
  { kind: 'google-api-key', description: 'Google API keys (AIza…)', pattern: /\bAIza[\w-]{35}/g },
  { kind: 'google-oauth-token', description: 'Google OAuth access tokens (ya29.…)', pattern: /\bya29\.[\w-]{20,}/g },
  { kind: 'aws-access-key-id', description: 'AWS access key ids (AKIA…, ASIA…)', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA)[0-9A-Z]{16}\b/g },
  { kind: 'aws-secret-access-key', description: 'AWS secret access keys next to their name', pattern: /(?<keep>\b(?:aws_secret_access_key|AWS_SECRET_ACCESS_KEY|SecretAccessKey|secretAccessKey|aws_session_token|AWS_SESSION_TOKEN)["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{40,}/g },
  { kind: 'azure-key', description: 'Azure storage account keys, shared access keys and signatures in connection strings', pattern: /(?<keep>\b(?:AccountKey|SharedAccessKey|SharedAccessSignature)=)[^;"'\s]{20,}/g },
  { kind: 'azure-api-key', description: 'Azure OpenAI / API Management keys in headers or settings', pattern: /(?<keep>\b(?:api-key|Ocp-Apim-Subscription-Key|AZURE_OPENAI_API_KEY)["']?\s*[:=]\s*["']?)[A-Z0-9]{32,}/gi },
  { kind: 'github-token', description: 'GitHub personal, OAuth, app, user-to-server and refresh tokens (ghp_, gho_, ghs_, ghu_, ghr_)', pattern: /\bgh[opsur]_[A-Za-z0-9]{30,}/g },
  { kind: 'github-fine-grained-token', description: 'GitHub fine-grained personal access tokens (github_pat_…)', pattern: /\bgithub_pat_\w{22,}/g },
  { kind: 'gitlab-token', description: 'GitLab personal, project and pipeline tokens (glpat-, glptt-, gldt-)', pattern: /\bgl(?:pat|ptt|dt|rt|cbt)-[\w-]{20,}/g },
  { kind: 'slack-token', description: 'Slack bot, user, app and refresh tokens (xoxb-, xoxa-, xoxp-, xoxr-, xoxs-, xapp-)', pattern: /\bxox[abprse]-[A-Za-z0-9-]{10,}|\bxapp-\d-[A-Za-z0-9-]{10,}/g },
  { kind: 'slack-webhook', description: 'Slack incoming-webhook URLs', pattern: /https:\/\/hooks\.slack\.com\/services\/(?=[\w/-]{20})[\w/-]+/g },
  { kind: 'stripe-key', description: 'Stripe secret and restricted keys (sk_live_, rk_live_, sk_test_)', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g },
  { kind: 'twilio-key', description: 'Twilio API key SIDs (SK + 32 hex) and auth tokens next to their name', pattern: /\bSK[0-9a-f]{32}\b|(?<keep>\b(?:TWILIO_AUTH_TOKEN|twilio_auth_token|authToken)["']?\s*[:=]\s*["']?)[0-9a-f]{32}\b/g },
  { kind: 'sendgrid-key', description: 'SendGrid API keys (SG.….…)', pattern: /\bSG\.[\w-]{16,}\.[\w-]{16,}/g },
  { kind: 'npm-token', description: 'npm access tokens (npm_…) and _authToken lines of .npmrc', pattern: /\bnpm_[A-Za-z0-9]{36}\b|(?<keep>:_authToken=)[^\s"']+/g },
  { kind: 'pypi-token', description: 'PyPI upload tokens (pypi-AgEI…)', pattern: /\bpypi-AgE[\w-]{50,}/g },
  { kind: 'huggingface-token', description: 'Hugging Face access tokens (hf_…)', pattern: /\bhf_[A-Za-z0-9]{30,}/g },
  { kind: 'digitalocean-token', description: 'DigitalOcean tokens (dop_v1_, doo_v1_)', pattern: /\bdo[opr]_v1_[a-f0-9]{64}/g },
  { kind: 'shopify-token', description: 'Shopify access tokens (shpat_, shpss_, shpca_)', pattern: /\bshp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}/g },
  { kind: 'databricks-token', description: 'Databricks personal access tokens (dapi…)', pattern: /\bdapi[a-f0-9]{32}(?:-\d)?/g },
  { kind: 'jwt', description: 'JSON Web Tokens (three base64url parts, the first two starting with eyJ)', pattern: /(?<![\w-])eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/g },
  { kind: 'authorization-header', description: 'Authorization: Bearer/Basic/Token headers and x-api-key headers', pattern: /(?<keep>\b(?:Authorization|Proxy-Authorization)["']?\s*[:=]\s*["']?(?:Bearer|Basic|Token|Bot)\s+)[\w.~+/=-]{8,}|(?<keep2>\b(?:x-api-key|x-goog-api-key|api_key|apikey)["']?\s*[:=]\s*["']?)[\w.~+/=-]{16,}/gi },
  { kind: 'url-password', description: 'Passwords in URLs (scheme://user:password@host)', pattern: /(?<keep>(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^/\s:@"'`]+:)(?!\[REDACTED)[^@\s/"'`]+(?=@)/gi },
  { kind: 'secret-assignment', description: '.env-style and shell assignments of secret-named variables (SECRET=…, PASSWORD=…, TOKEN=…), also after an escaped newline in JSON', pattern: new RegExp(String.raw`(?<keep>(?:\b|(?<=\\[nrt]))(?:export\s+)?${SECRET_NAME}\s*=\s*)(\\?"[^"\n]*"|'[^'\n]*'|[^\s"'#;,)\\]+)`, 'g') },
  { kind: 'secret-field', description: 'JSON and YAML fields named password, secret, token, api key or client secret', pattern: /(?<keep>["']?\b(?:password|passwd|secret|client_secret|clientSecret|access_token|accessToken|refresh_token|refreshToken|auth_token|authToken|api_key|apiKey|private_key)["']?\s*:\s*)("[^"\n]{4,}"|'[^'\n]{4,}'|(?!\[REDACTED)[^\s,}{"']{6,})/gi },
];

/** How many secrets of one kind were redacted. */
export interface RedactionCount {
  kind: string;
  count: number;
}

/** Redacted text and what was taken out of it. */
export interface RedactionResult {
  text: string;
  redactions: RedactionCount[];
}

/** The replacement text of one secret. */
export function redactionMarker(kind: string): string {
  return `[REDACTED:${kind}]`;
}

/** Replaces every secret in `text`; returns the text and the counts by kind. */
export function redactSecrets(text: string, rules: readonly RedactionRule[] = REDACTION_RULES): RedactionResult {
  const counts = new Map<string, number>();
  let result = text;
  for (const rule of rules) {
    result = result.replace(rule.pattern, (...args: unknown[]) => {
      const whole = args[0] as string;
      const groups = args[args.length - 1] as Record<string, string | undefined> | undefined;
      const keep = (groups && typeof groups === 'object' ? (groups.keep ?? groups.keep2) : undefined) ?? '';
      const value = whole.slice(keep.length).replace(/^["']|["']$/g, '');
      if (keep && HARMLESS_VALUE.test(value)) return whole;
      counts.set(rule.kind, (counts.get(rule.kind) ?? 0) + 1);
      return `${keep}${redactionMarker(rule.kind)}`;
    });
  }
  return { text: result, redactions: [...counts].map(([kind, count]) => ({ kind, count })) };
}

/** The redacted text alone. */
export function redact(text: string): string {
  return redactSecrets(text).text;
}
