#!/usr/bin/env python3
"""gen.py - writes the PostToolUse redaction corpus (secrets.jsonl, clean.jsonl).

Synthetic and deterministic: one random.Random(SEED), no clock, no network.
Run it from anywhere; it writes next to itself.  Re-running must give
byte-identical files (`python3 gen.py && git diff --exit-code`).

Every record:
  {"id", "tool", "kind", "shape", "input", "response", "secrets", "keep"}
  response  the tool_response exactly as Claude Code sends it for that tool
  secrets   substrings (as they appear in the decoded JSON strings of the
            response) that must not survive the rewrite
  keep      substrings of non-secret context that should survive
See README.md for what counts as a secret.
"""
import base64
import json
import os
import random
import struct
import sys
import zlib

SEED = 19_2026
R = random.Random(SEED)

UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LOWER = "abcdefghijklmnopqrstuvwxyz"
DIGITS = "0123456789"
ALNUM = UPPER + LOWER + DIGITS
HEX = "0123456789abcdef"
B64 = ALNUM + "+/"
B64URL = ALNUM + "-_"
B32 = UPPER + "234567"


def rs(n, alphabet=ALNUM):
    return "".join(R.choice(alphabet) for _ in range(n))


def pick(seq):
    return R.choice(seq)


def b64(data):
    return base64.b64encode(data).decode()


def b64u(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def rbytes(n):
    return bytes(R.getrandbits(8) for _ in range(n))


def base62(n, width):
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = (DIGITS + UPPER + LOWER)[r] + out
    return out.rjust(width, "0")


# --------------------------------------------------------------------------
# Realistic secret bodies, one function per provider format.

def gh_token(prefix):
    body = rs(30)
    return prefix + body + base62(zlib.crc32(body.encode()), 6)


def jwt():
    hdr = {"alg": pick(["HS256", "RS256", "ES256"]), "typ": "JWT"}
    if hdr["alg"] != "HS256" and R.random() < 0.6:
        hdr["kid"] = rs(R.randint(16, 40), B64URL)
    iat = R.randint(1_690_000_000, 1_760_000_000)
    body = {"sub": pick([str(R.randint(1000, 999999)), "user_" + rs(12, LOWER + DIGITS),
                         rs(8, HEX) + "-" + rs(4, HEX) + "-4" + rs(3, HEX) + "-a" + rs(3, HEX) + "-" + rs(12, HEX)]),
            "iat": iat, "exp": iat + pick([900, 3600, 86400, 604800])}
    if R.random() < 0.7:
        body["iss"] = pick(["https://auth.example-corp.io/", "https://login.acme.dev",
                            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_" + rs(9),
                            "https://securetoken.google.com/app-" + rs(6, LOWER + DIGITS)])
    if R.random() < 0.5:
        body["scope"] = pick(["read write", "openid profile email", "repo:write admin"])
    if R.random() < 0.4:
        body["email"] = pick(["dana", "li.wei", "ops", "m.rossi"]) + "@" + pick(["acme.io", "corp.example.net"])
    sig = b64u(rbytes(32 if hdr["alg"] == "HS256" else pick([64, 256])))
    return b64u(json.dumps(hdr, separators=(",", ":")).encode()) + "." + \
        b64u(json.dumps(body, separators=(",", ":")).encode()) + "." + sig


def password():
    """What people and generators really put in DB_PASSWORD and friends."""
    k = R.random()
    if k < 0.35:
        return rs(R.randint(16, 32), ALNUM)
    if k < 0.55:
        return rs(R.randint(14, 24), ALNUM + "!#%^*-_+=.~")
    if k < 0.75:
        words = ["Harbor", "violet", "Quartz", "mango", "Falcon", "ember", "Tundra", "cobalt",
                 "Juniper", "saffron", "Orbit", "lantern", "Maple", "willow", "Copper", "drizzle"]
        return "-".join(pick(words) for _ in range(3)) + str(R.randint(10, 9999))
    if k < 0.9:
        return pick(["Summer", "Winter", "Acme", "Welcome", "Prod", "Spring", "Dragon"]) + \
            str(R.randint(2015, 2026)) + pick(["!", "#", "$", "!!", "@1"]) + rs(4, LOWER + DIGITS)
    return b64(rbytes(R.choice([18, 24, 33]))).rstrip("=")


def url_password():
    # characters that need no percent-encoding in userinfo
    return rs(R.randint(14, 28), ALNUM + "-_.~")


def hexs(n):
    return rs(n, HEX)


def uuid4():
    return f"{hexs(8)}-{hexs(4)}-4{hexs(3)}-{pick('89ab')}{hexs(3)}-{hexs(12)}"


TOKENS = {
    # kind: (generator, variable names, typical host / product)
    "aws-access-key-id": (lambda: pick(["AKIA", "AKIA", "AKIA", "ASIA"]) + rs(16, B32),
                          ["AWS_ACCESS_KEY_ID"], "aws"),
    "aws-secret-access-key": (lambda: rs(40, B64), ["AWS_SECRET_ACCESS_KEY"], "aws"),
    "aws-session-token": (lambda: "IQoJb3JpZ2luX2Vj" + rs(R.randint(380, 560), B64) + pick(["", "=", "=="]),
                          ["AWS_SESSION_TOKEN"], "aws"),
    "github-token": (lambda: gh_token("ghp_"), ["GITHUB_TOKEN", "GH_TOKEN", "GITHUB_PAT"], "github"),
    "github-fine-grained": (lambda: "github_pat_11" + rs(20, UPPER + DIGITS) + "_" + rs(59),
                            ["GITHUB_TOKEN", "GH_TOKEN", "GH_ENTERPRISE_TOKEN"], "github"),
    "github-oauth": (lambda: gh_token("gho_"), ["GITHUB_TOKEN", "GH_TOKEN"], "github"),
    "github-app-token": (lambda: gh_token(pick(["ghs_", "ghu_", "ghr_"])),
                         ["GITHUB_TOKEN", "GH_APP_TOKEN", "INSTALLATION_TOKEN"], "github"),
    "gitlab-token": (lambda: pick(["glpat-", "glpat-", "glpat-", "gldt-", "glrt-"]) + rs(20, ALNUM + "-_"),
                     ["GITLAB_TOKEN", "CI_JOB_TOKEN_OVERRIDE", "GITLAB_PRIVATE_TOKEN"], "gitlab"),
    "slack-bot-token": (lambda: f"xoxb-{rs(R.randint(10, 13), DIGITS)}-{rs(R.randint(11, 13), DIGITS)}-{rs(24)}",
                        ["SLACK_BOT_TOKEN", "SLACK_TOKEN"], "slack"),
    "slack-user-token": (lambda: f"xoxp-{rs(R.randint(10, 13), DIGITS)}-{rs(R.randint(10, 13), DIGITS)}-"
                                 f"{rs(R.randint(10, 13), DIGITS)}-{hexs(32)}",
                         ["SLACK_USER_TOKEN", "SLACK_TOKEN"], "slack"),
    "slack-app-token": (lambda: f"xapp-1-A{rs(10, UPPER + DIGITS)}-{rs(13, DIGITS)}-{hexs(64)}",
                        ["SLACK_APP_TOKEN"], "slack"),
    "discord-bot-token": (lambda: b64(str(R.randint(10**17, 10**19 - 1)).encode()).rstrip("=") + "." +
                          rs(6, B64URL) + "." + rs(38, B64URL),
                          ["DISCORD_TOKEN", "DISCORD_BOT_TOKEN"], "discord"),
    "stripe-secret-key": (lambda: "sk_live_" + pick([rs(24), "51" + rs(97)]),
                          ["STRIPE_SECRET_KEY", "STRIPE_API_KEY"], "stripe"),
    "stripe-restricted-key": (lambda: "rk_live_" + pick([rs(24), "51" + rs(97)]),
                              ["STRIPE_RESTRICTED_KEY", "STRIPE_API_KEY"], "stripe"),
    "stripe-webhook-secret": (lambda: "whsec_" + rs(32), ["STRIPE_WEBHOOK_SECRET"], "stripe"),
    "openai-key": (lambda: pick([
        lambda: "sk-" + rs(20) + "T3BlbkFJ" + rs(20),
        lambda: "sk-proj-" + rs(74, B64URL) + "T3BlbkFJ" + rs(74, B64URL),
        lambda: "sk-svcacct-" + rs(74, B64URL) + "T3BlbkFJ" + rs(74, B64URL),
        lambda: "sk-" + rs(48)])(), ["OPENAI_API_KEY"], "openai"),
    "anthropic-key": (lambda: pick(["sk-ant-api03-", "sk-ant-api03-", "sk-ant-admin01-"]) + rs(93, B64URL) + "AA",
                      ["ANTHROPIC_API_KEY"], "anthropic"),
    "google-api-key": (lambda: "AIza" + rs(35, B64URL), ["GOOGLE_API_KEY", "GEMINI_API_KEY", "MAPS_API_KEY"], "google"),
    "google-oauth-secret": (lambda: "GOCSPX-" + rs(28, B64URL), ["GOOGLE_CLIENT_SECRET"], "google"),
    "google-oauth-token": (lambda: "ya29." + rs(R.randint(150, 220), B64URL), ["GOOGLE_ACCESS_TOKEN"], "google"),
    "npm-token": (lambda: "npm_" + rs(36), ["NPM_TOKEN", "NODE_AUTH_TOKEN"], "npm"),
    "pypi-token": (lambda: "pypi-AgEIcHlwaS5vcmc" + rs(R.randint(130, 190), B64URL),
                   ["PYPI_TOKEN", "TWINE_PASSWORD", "UV_PUBLISH_TOKEN"], "pypi"),
    "huggingface-token": (lambda: "hf_" + rs(34, UPPER + LOWER), ["HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"], "huggingface"),
    "digitalocean-token": (lambda: pick(["dop_v1_", "dop_v1_", "doo_v1_", "dor_v1_"]) + hexs(64),
                           ["DIGITALOCEAN_TOKEN", "DO_API_TOKEN"], "digitalocean"),
    "sendgrid-key": (lambda: "SG." + rs(22, B64URL) + "." + rs(43, B64URL), ["SENDGRID_API_KEY"], "sendgrid"),
    "twilio-auth-token": (lambda: hexs(32), ["TWILIO_AUTH_TOKEN"], "twilio"),
    "telegram-bot-token": (lambda: f"{R.randint(10**8, 10**10 - 1)}:AA{rs(33, B64URL)}",
                           ["TELEGRAM_BOT_TOKEN", "TG_TOKEN"], "telegram"),
    "jwt": (jwt, ["ACCESS_TOKEN", "AUTH_TOKEN", "ID_TOKEN", "API_JWT"], "jwt"),
    "shopify-token": (lambda: pick(["shpat_", "shpca_", "shppa_", "shpss_"]) + hexs(32),
                      ["SHOPIFY_ACCESS_TOKEN", "SHOPIFY_API_SECRET"], "shopify"),
    "mailgun-key": (lambda: "key-" + hexs(32), ["MAILGUN_API_KEY"], "mailgun"),
    "mailchimp-key": (lambda: hexs(32) + "-us" + str(R.randint(1, 21)), ["MAILCHIMP_API_KEY"], "mailchimp"),
    "atlassian-token": (lambda: "ATATT3xFfGF0" + rs(170, B64URL) + "=" + rs(8, "0123456789ABCDEF"),
                        ["JIRA_API_TOKEN", "ATLASSIAN_API_TOKEN", "CONFLUENCE_TOKEN"], "atlassian"),
    "linear-key": (lambda: "lin_api_" + rs(40), ["LINEAR_API_KEY"], "linear"),
    "postman-key": (lambda: "PMAK-" + hexs(24) + "-" + hexs(34), ["POSTMAN_API_KEY"], "postman"),
    "vault-token": (lambda: "hvs." + pick([rs(24), "CAESI" + rs(R.randint(80, 100), B64URL)]),
                    ["VAULT_TOKEN"], "vault"),
    "doppler-token": (lambda: pick(["dp.pt.", "dp.st.prd.", "dp.sa."]) + rs(43), ["DOPPLER_TOKEN"], "doppler"),
    "pulumi-token": (lambda: "pul-" + hexs(40), ["PULUMI_ACCESS_TOKEN"], "pulumi"),
    "terraform-cloud-token": (lambda: rs(14) + ".atlasv1." + rs(67), ["TFE_TOKEN", "TF_TOKEN_app_terraform_io"],
                              "terraform"),
    "azure-storage-key": (lambda: b64(rbytes(64)), ["AZURE_STORAGE_KEY", "AZURE_STORAGE_ACCOUNT_KEY"], "azure"),
    "square-token": (lambda: pick(["EAAA" + rs(60, B64URL), "sq0atp-" + rs(22, B64URL), "sq0csp-" + rs(43, B64URL)]),
                     ["SQUARE_ACCESS_TOKEN"], "square"),
    "age-secret-key": (lambda: "AGE-SECRET-KEY-1" + rs(58, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"),
                       ["SOPS_AGE_KEY"], "age"),
    "grafana-token": (lambda: pick(["glsa_" + rs(32) + "_" + hexs(8), "glc_" + b64(rbytes(60)).rstrip("=")]),
                      ["GRAFANA_TOKEN", "GRAFANA_SERVICE_ACCOUNT_TOKEN"], "grafana"),
    "newrelic-key": (lambda: "NRAK-" + rs(27, UPPER + DIGITS), ["NEW_RELIC_API_KEY"], "newrelic"),
    "databricks-token": (lambda: "dapi" + hexs(32) + pick(["", "-2", "-3"]), ["DATABRICKS_TOKEN"], "databricks"),
    "supabase-token": (lambda: "sbp_" + hexs(40), ["SUPABASE_ACCESS_TOKEN"], "supabase"),
    "planetscale-token": (lambda: "pscale_tkn_" + rs(43, ALNUM + "_"), ["PLANETSCALE_SERVICE_TOKEN"], "planetscale"),
    "facebook-token": (lambda: "EAA" + pick(["B", "G", "J"]) + rs(R.randint(150, 200)), ["FB_ACCESS_TOKEN"], "facebook"),
    # Secrets with no public marker: only the context says what they are.
    "generic-api-key": (lambda: pick([hexs(32), hexs(40), rs(40, ALNUM + "_-"), rs(32)]),
                        ["API_KEY", "DATADOG_API_KEY", "ALGOLIA_ADMIN_KEY", "CLOUDFLARE_API_TOKEN",
                         "SENTRY_AUTH_TOKEN", "MAPBOX_SECRET", "INTERNAL_API_KEY", "PAGERDUTY_TOKEN"], "generic"),
    "app-secret": (lambda: pick([rs(50, LOWER + DIGITS + "!@#$%^&*(-_=+)"), hexs(128), b64(rbytes(32)),
                                 "django-insecure-" + rs(50, LOWER + DIGITS + "!@#$%^&*(-_=+)")]),
                   ["SECRET_KEY", "SECRET_KEY_BASE", "JWT_SECRET", "SESSION_SECRET", "NEXTAUTH_SECRET",
                    "APP_KEY", "ENCRYPTION_KEY"], "generic"),
    "dotenv-password": (password, ["DB_PASSWORD", "POSTGRES_PASSWORD", "MYSQL_ROOT_PASSWORD", "REDIS_PASSWORD",
                                   "SMTP_PASSWORD", "ADMIN_PASSWORD", "RABBITMQ_DEFAULT_PASS", "LDAP_BIND_PASSWORD"],
                        "generic"),
}

HOSTS = {"aws": "sts.amazonaws.com", "github": "api.github.com", "gitlab": "gitlab.com",
         "slack": "slack.com", "discord": "discord.com", "stripe": "api.stripe.com",
         "openai": "api.openai.com", "anthropic": "api.anthropic.com", "google": "www.googleapis.com",
         "npm": "registry.npmjs.org", "pypi": "upload.pypi.org", "huggingface": "huggingface.co",
         "digitalocean": "api.digitalocean.com", "sendgrid": "api.sendgrid.com",
         "twilio": "api.twilio.com", "telegram": "api.telegram.org", "jwt": "api.acme.dev",
         "shopify": "acme-store.myshopify.com", "mailgun": "api.mailgun.net",
         "mailchimp": "us6.api.mailchimp.com", "atlassian": "acme.atlassian.net",
         "linear": "api.linear.app", "postman": "api.getpostman.com", "vault": "vault.internal.acme.dev",
         "doppler": "api.doppler.com", "pulumi": "api.pulumi.com", "terraform": "app.terraform.io",
         "azure": "acmeprod.blob.core.windows.net", "square": "connect.squareup.com",
         "age": "localhost", "grafana": "grafana.acme.dev", "newrelic": "api.newrelic.com",
         "databricks": "adb-1234567890123456.7.azuredatabricks.net", "supabase": "api.supabase.com",
         "planetscale": "api.planetscale.com", "facebook": "graph.facebook.com", "generic": "api.internal.acme.dev"}

# --------------------------------------------------------------------------
# Tool response shapes, as Claude Code sends them.

HOME = "/home/alice"
PROJ = "/home/alice/src/webapp"


def bash(cmd, stdout, stderr=""):
    return "Bash", {"command": cmd, "description": "Run " + cmd.split()[0]}, \
        {"stdout": stdout, "stderr": stderr, "interrupted": False, "isImage": False}


def read(path, content):
    n = content.count("\n") + (0 if content.endswith("\n") else 1)
    return "Read", {"file_path": path}, \
        {"type": "text", "file": {"filePath": path, "content": content, "numLines": n, "startLine": 1,
                                  "totalLines": n}}


def grep(pattern, hits, mode_files=None):
    """hits: list of (path, lineno, text)."""
    content = "\n".join(f"{p}:{n}:{t}" for p, n, t in hits)
    files = sorted({p for p, _, _ in hits})
    return "Grep", {"pattern": pattern, "path": PROJ, "output_mode": "content", "-n": True}, \
        {"mode": "content", "numFiles": len(files), "filenames": [], "content": content,
         "numLines": len(hits)}


def webfetch(url, result, prompt="Summarise this page"):
    return "WebFetch", {"url": url, "prompt": prompt}, \
        {"bytes": len(result) * 3 + R.randint(100, 5000), "code": 200, "codeText": "OK", "result": result,
         "durationMs": R.randint(300, 4000), "url": url}


def mcp(server, tool, texts, args=None):
    return f"mcp__{server}__{tool}", args or {}, [{"type": "text", "text": t} for t in texts]


# --------------------------------------------------------------------------
# Surrounding text

def ts(i=0):
    return f"2025-{R.randint(1, 12):02d}-{R.randint(1, 28):02d}T{R.randint(0, 23):02d}:{R.randint(0, 59):02d}:" \
           f"{R.randint(0, 59):02d}.{R.randint(0, 999):03d}Z"


BENIGN_ENV = [
    "SHELL=/bin/bash", "LANG=en_US.UTF-8", "TERM=xterm-256color", "USER=alice", "LOGNAME=alice",
    "HOME=/home/alice", "PWD=/home/alice/src/webapp", "SHLVL=2", "EDITOR=vim", "PAGER=less",
    "PATH=/home/alice/.local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "XDG_RUNTIME_DIR=/run/user/1000", "HOSTNAME=devbox-7", "NODE_ENV=development", "TZ=UTC",
    "LC_ALL=en_US.UTF-8", "COLORTERM=truecolor", "GOPATH=/home/alice/go", "PYTHONDONTWRITEBYTECODE=1",
    "DOCKER_HOST=unix:///run/user/1000/docker.sock", "CLAUDECODE=1", "GIT_PAGER=cat", "AWS_REGION=eu-west-1",
    "AWS_DEFAULT_REGION=eu-west-1", "KUBECONFIG=/home/alice/.kube/config", "VIRTUAL_ENV=/home/alice/src/webapp/.venv",
    "SSH_AUTH_SOCK=/tmp/ssh-XXXXk3Jd/agent.1234", "LS_COLORS=rs=0:di=01;34:ln=01;36:mh=00:pi=40;33",
    "npm_config_cache=/home/alice/.npm", "OTEL_SERVICE_NAME=webapp", "PORT=3000", "LOG_LEVEL=debug",
]
BENIGN_DOTENV = ["NODE_ENV=production", "PORT=8080", "LOG_LEVEL=info", "APP_NAME=webapp",
                 "DB_HOST=db.internal", "DB_PORT=5432", "DB_NAME=webapp", "DB_USER=webapp",
                 "REDIS_URL=redis://cache.internal:6379/0", "FEATURE_FLAGS=new-checkout,dark-mode",
                 "SENTRY_ENVIRONMENT=staging", "CORS_ORIGINS=https://app.acme.dev", "TZ=UTC",
                 "MAX_UPLOAD_MB=25", "SMTP_HOST=smtp.mailgun.org", "SMTP_PORT=587", "S3_BUCKET=acme-uploads"]
LOGMSG = ["GET /healthz 200 1.2ms", "worker 3 started", "connected to postgres at db.internal:5432",
          "cache miss key=user:1842", "POST /api/orders 201 48ms", "retrying in 2s (attempt 2/5)",
          "scheduler tick: 4 jobs due", "listening on 0.0.0.0:8080", "migrations up to date (42)",
          "GET /api/users/1842 200 12ms", "flushed 128 metrics", "shutdown signal received"]


def sample_keep(lines, k=2):
    """Distinctive non-secret lines to demand back."""
    c = [l for l in lines if len(l) >= 8]
    return R.sample(c, min(k, len(c)))


def shape_env(kind, var, s):
    lines = R.sample(BENIGN_ENV, R.randint(10, 20)) + [f"{var}={s}"]
    R.shuffle(lines)
    if R.random() < 0.5:
        lines.sort()
    keep = sample_keep([l for l in lines if s not in l])
    cmd = pick(["env", "printenv", "env | sort", "printenv | sort", "set | grep -v '^_'", "export -p | sed 's/declare -x //'"])
    return bash(cmd, "\n".join(lines) + "\n") + ([s], keep)


def shape_dotenv(kind, var, s):
    base = R.sample(BENIGN_DOTENV, R.randint(5, 10))
    q = pick(["", "", '"', "'"])
    base.insert(R.randint(0, len(base)), f"{var}={q}{s}{q}")
    if R.random() < 0.5:
        base.insert(0, "# " + pick(["production settings", "copied from 1password, do not commit",
                                    "local overrides", "generated by scripts/bootstrap.sh"]))
    keep = sample_keep([l for l in base if s not in l])
    path = PROJ + "/" + pick([".env", ".env.production", ".env.local", "deploy/.env", "docker/.env.staging"])
    content = "\n".join(base) + "\n"
    if R.random() < 0.3:
        return bash("cat " + path.replace(PROJ + "/", ""), content) + ([s], keep)
    return read(path, content) + ([s], keep)


def shape_json(kind, var, s, server=None):
    field = pick(["apiKey", "token", "api_key", "secret", "accessToken", "key", "authToken"])
    doc = {"name": pick(["webapp", "billing-worker", "notifier"]), "version": f"{R.randint(0, 4)}.{R.randint(0, 20)}.{R.randint(0, 9)}",
           "integrations": {TOKENS[kind][2]: {"enabled": True, field: s, "timeoutMs": R.choice([3000, 5000, 10000])}},
           "logging": {"level": pick(["info", "debug"]), "format": "json"}}
    text = json.dumps(doc, indent=pick([2, 4]))
    keep = ['"format": "json"', '"enabled": true']
    path = PROJ + "/" + pick(["config/settings.json", "config/production.json", "appsettings.json",
                              ".vscode/settings.json", "secrets.json"])
    r = R.random()
    if r < 0.45:
        return read(path, text + "\n") + ([s], keep)
    if r < 0.75:
        return mcp("filesystem", "read_text_file", [text], {"path": path}) + ([s], keep)
    return bash("cat " + path.replace(PROJ + "/", "") + " | jq .", text + "\n") + ([s], keep)


def shape_yaml(kind, var, s):
    svc = TOKENS[kind][2]
    lines = ["service:", f"  name: {pick(['webapp', 'api', 'worker'])}", f"  replicas: {R.randint(1, 6)}",
             f"{svc}:", f"  endpoint: https://{HOSTS[svc]}", f"  {pick(['api_key', 'token', 'secret', 'access_token'])}: {s}",
             "  retries: 3", "log:", "  level: info"]
    if R.random() < 0.4:
        lines[5] = lines[5].replace(s, pick(['"', "'"]).join(["", s, ""]))
    keep = ["  retries: 3", f"  endpoint: https://{HOSTS[svc]}"]
    path = PROJ + "/" + pick(["config.yml", "config/prod.yaml", "helm/values-prod.yaml", "docker-compose.override.yml"])
    if R.random() < 0.7:
        return read(path, "\n".join(lines) + "\n") + ([s], keep)
    return mcp("github", "get_file_contents", ["\n".join(lines) + "\n"],
               {"owner": "acme", "repo": "webapp", "path": path.replace(PROJ + "/", "")}) + ([s], keep)


def shape_log(kind, var, s):
    svc = TOKENS[kind][2]
    lines = [f"{ts()} INFO  {m}" for m in R.sample(LOGMSG, R.randint(3, 7))]
    plain = [f"{ts()} DEBUG config loaded: {{'{var.lower()}': '{s}', 'timeout': 30}}",
             f"{ts()} WARN  falling back to static credential {var}={s}",
             f"level=debug ts={ts()} msg=\"client init\" endpoint=https://{HOSTS[svc]} {var.lower()}={s}"]
    bearer = [f"{ts()} DEBUG http.client: send: b'POST /v1/messages HTTP/1.1\\r\\nHost: {HOSTS[svc]}\\r\\nAuthorization: Bearer {s}\\r\\n'",
              f"{ts()} DEBUG request headers={{\"Authorization\": \"Bearer {s}\", \"User-Agent\": \"webapp/2.3\"}}",
              f"{ts()} ERROR auth failed for token {s}: 401 Unauthorized"]
    secret_line = pick(plain if kind in NOT_BEARER else plain + bearer)
    lines.insert(R.randint(0, len(lines)), secret_line)
    keep = sample_keep([l for l in lines if s not in l])
    out = "\n".join(lines) + "\n"
    r = R.random()
    if r < 0.4:
        return bash(pick(["docker logs --tail 50 webapp", "kubectl logs deploy/api --tail=100",
                          "journalctl -u webapp -n 50 --no-pager", "tail -n 40 logs/app.log"]), out) + ([s], keep)
    if r < 0.6:
        return bash("npm run dev 2>&1 | head -40", "", out) + ([s], keep)
    if r < 0.8:
        return read(PROJ + "/logs/" + pick(["app.log", "debug.log", "server.log"]), out) + ([s], keep)
    return mcp(pick(["datadog", "grafana", "sentry"]), pick(["search_logs", "query_logs", "get_events"]),
               [out], {"query": "service:webapp", "limit": 50}) + ([s], keep)


def shape_curl(kind, var, s):
    svc = TOKENS[kind][2]
    host = HOSTS[svc]
    hdr = pick({"github": [f"Authorization: token {s}", f"Authorization: Bearer {s}"],
                "gitlab": [f"PRIVATE-TOKEN: {s}", f"Authorization: Bearer {s}"],
                "anthropic": [f"x-api-key: {s}"],
                "sendgrid": [f"Authorization: Bearer {s}"], "slack": [f"Authorization: Bearer {s}"],
                "newrelic": [f"Api-Key: {s}"], "postman": [f"X-Api-Key: {s}"],
                "shopify": [f"X-Shopify-Access-Token: {s}"], "vault": [f"X-Vault-Token: {s}"]}.get(
        svc, [f"Authorization: Bearer {s}", f"Authorization: Bearer {s}", f"X-API-Key: {s}"]))
    ip = f"{R.randint(3, 200)}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}"
    err = "\n".join([f"*   Trying {ip}:443...", f"* Connected to {host} ({ip}) port 443 (#0)",
                     "* ALPN: offers h2,http/1.1", "* SSL connection using TLSv1.3 / TLS_AES_128_GCM_SHA256",
                     "> GET /v1/me HTTP/2", f"> Host: {host}", "> User-Agent: curl/8.5.0", f"> {hdr}",
                     "> Accept: */*", ">", "< HTTP/2 200", "< content-type: application/json", "<",
                     f"* Connection #0 to host {host} left intact"]) + "\n"
    body = json.dumps({"id": R.randint(1000, 99999), "name": "alice", "plan": "team"})
    keep = ["< HTTP/2 200", "> User-Agent: curl/8.5.0"]
    name, _, scheme = hdr.partition(": ")
    scheme = scheme.split(" ")[0] + " " if " " in scheme else ""
    return bash(f"curl -sv https://{host}/v1/me -H \"{name}: {scheme}${var}\"", body + "\n", err) + ([s], keep)


def shape_history(kind, var, s):
    cmds = ["git status", "ls -la", "npm test", "docker compose up -d", "cd ~/src/webapp", "vim README.md",
            "make -j8", "kubectl get pods -n staging", "python -m pytest -x", "git push origin HEAD",
            "terraform plan", "htop", "ssh bastion.acme.dev"]
    lines = R.sample(cmds, R.randint(5, 10))
    lines.insert(R.randint(0, len(lines)), pick([f"export {var}={s}", f"export {var}=\"{s}\"",
                                                  f"{var}={s} npm run deploy", f"echo {s} | docker login -u alice --password-stdin"]))
    if R.random() < 0.5:
        lines = [f": {R.randint(1_700_000_000, 1_760_000_000)}:0;{l}" for l in lines]
        path = HOME + "/.zsh_history"
    else:
        path = HOME + "/.bash_history"
    keep = sample_keep([l for l in lines if s not in l])
    if R.random() < 0.7:
        return read(path, "\n".join(lines) + "\n") + ([s], keep)
    return bash("tail -n 20 " + path.replace(HOME, "~"), "\n".join(lines) + "\n") + ([s], keep)


def shape_docker_inspect(kind, var, s):
    cid = hexs(64)
    env = R.sample(["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "NODE_VERSION=20.11.1",
                    "YARN_VERSION=1.22.19", "LANG=C.UTF-8", "PYTHON_VERSION=3.12.2", "PORT=8080",
                    "GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305"], 4) + [f"{var}={s}"]
    R.shuffle(env)
    doc = [{"Id": cid, "Created": ts(), "Path": "docker-entrypoint.sh", "Args": ["node", "server.js"],
            "State": {"Status": "running", "Running": True, "Pid": R.randint(1000, 60000), "ExitCode": 0},
            "Image": "sha256:" + hexs(64), "Name": "/webapp-api-1",
            "Config": {"Hostname": cid[:12], "Env": env, "Cmd": ["node", "server.js"], "WorkingDir": "/app",
                       "Labels": {"com.docker.compose.project": "webapp"}}}]
    keep = ['"WorkingDir": "/app"', '"Status": "running"']
    return bash(pick(["docker inspect webapp-api-1", "docker container inspect " + cid[:12]]),
                json.dumps(doc, indent=4) + "\n") + ([s], keep)


def shape_source(kind, var, s):
    svc = TOKENS[kind][2]
    lang = pick(["py", "js", "go", "ts"])
    if lang == "py":
        lines = ["import os", "import requests", "", f"BASE_URL = \"https://{HOSTS[svc]}\"",
                 f"{var} = \"{s}\"  # TODO move to env", "", "def client():",
                 f"    return requests.Session()", ""]
        path = PROJ + "/app/settings.py"
        keep = ["import requests", "def client():"]
    elif lang in ("js", "ts"):
        lines = ["import axios from 'axios';", "", f"const {var.lower().replace('_', '')} = '{s}';",
                 f"export const api = axios.create({{", f"  baseURL: 'https://{HOSTS[svc]}',", "  timeout: 5000,", "});", ""]
        path = PROJ + "/src/lib/api." + lang
        keep = ["import axios from 'axios';", "  timeout: 5000,"]
    else:
        lines = ["package config", "", "const (", f"\tbaseURL = \"https://{HOSTS[svc]}\"",
                 f"\tapiToken = \"{s}\"", ")", ""]
        path = PROJ + "/internal/config/config.go"
        keep = ["package config"]
    text = "\n".join(lines)
    if R.random() < 0.6:
        return read(path, text) + ([s], keep)
    return mcp("github", "get_file_contents", [text], {"owner": "acme", "repo": "webapp",
                                                       "path": path.replace(PROJ + "/", "")}) + ([s], keep)


def shape_grep(kind, var, s):
    hits = [(pick(["src/config.ts", "app/settings.py", ".env.example", "README.md"]), R.randint(1, 200),
             pick([f"{var}=", f"const {var.lower()} = process.env.{var};", f"{var} = os.environ.get(\"{var}\")",
                   f"export {var}=<your token here>"])) for _ in range(R.randint(1, 4))]
    hits.insert(R.randint(0, len(hits)), (pick(["scripts/deploy.sh", "docker-compose.yml", ".env.production",
                                               "ci/old-pipeline.yml"]), R.randint(1, 80),
                                         pick([f"export {var}={s}", f"      - {var}={s}", f"{var}: {s}"])))
    keep = [f"{p}:{n}:" for p, n, t in hits if s not in t][:2]
    return grep(var, hits) + ([s], keep)


def shape_mcp_db(kind, var, s):
    rows = [{"id": i + 1, "provider": TOKENS[kind][2], "name": pick(["prod", "staging", "ci", "backup"]),
             "created_at": ts()} for i in range(R.randint(1, 4))]
    j = R.randrange(len(rows))
    rows[j]["credential"] = s
    for i, r in enumerate(rows):
        if i != j:
            r["credential"] = None
    text = json.dumps(rows) if R.random() < 0.5 else json.dumps({"rows": rows, "rowCount": len(rows)}, indent=2)
    server = pick(["postgres", "supabase", "sqlite", "mysql"])
    keep = ['"provider": "' + TOKENS[kind][2] + '"']
    return mcp(server, pick(["query", "execute_sql", "read_query"]), [text],
               {"sql": "select * from integrations"}) + ([s], keep)


def shape_webfetch(kind, var, s):
    gid = hexs(32)
    url = f"https://gist.githubusercontent.com/{pick(['alice', 'devops-bot', 'jsmith'])}/{gid}/raw/setup.sh"
    result = ("The page is a shell setup script. It exports configuration and then installs dependencies:\n\n"
              f"```sh\nexport {var}={s}\nnpm ci\nnpm run build\n```\n\n"
              "The script also runs database migrations before starting the server.")
    keep = ["npm run build", "database migrations"]
    return webfetch(url, result, "What does this script do?") + ([s], keep)


def shape_tfstate(kind, var, s):
    doc = {"version": 4, "terraform_version": "1.7.5", "serial": R.randint(1, 300), "lineage": uuid4(),
           "outputs": {var.lower(): {"value": s, "type": "string", "sensitive": True}},
           "resources": [{"mode": "managed", "type": "aws_s3_bucket", "name": "uploads", "provider":
                          "provider[\"registry.terraform.io/hashicorp/aws\"]", "instances": [{"attributes": {
                              "bucket": "acme-uploads", "arn": "arn:aws:s3:::acme-uploads"}}]}]}
    text = json.dumps(doc, indent=2)
    keep = ['"terraform_version": "1.7.5"', "arn:aws:s3:::acme-uploads"]
    if R.random() < 0.5:
        return read(PROJ + "/infra/terraform.tfstate", text + "\n") + ([s], keep)
    out = f"{var.lower()} = \"{s}\"\nbucket_arn = \"arn:aws:s3:::acme-uploads\"\n"
    return bash("terraform output", out) + ([s], ["arn:aws:s3:::acme-uploads"])


def shape_stacktrace(kind, var, s):
    svc = TOKENS[kind][2]
    if R.random() < 0.5:
        out = ("Traceback (most recent call last):\n"
               f"  File \"{PROJ}/app/clients.py\", line {R.randint(10, 300)}, in connect\n"
               "    resp = session.get(url, headers=headers, timeout=5)\n"
               "    ┌ headers = {'Authorization': 'Bearer " + s + "'}\n"
               f"    └ url = 'https://{HOSTS[svc]}/v1/me'\n"
               "requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url\n")
        keep = ["Traceback (most recent call last):", "requests.exceptions.HTTPError"]
    else:
        out = (f"Exception in thread \"main\" com.acme.client.AuthException: rejected credential '{s}' for "
               f"https://{HOSTS[svc]}\n"
               "\tat com.acme.client.HttpClient.send(HttpClient.java:212)\n"
               "\tat com.acme.App.main(App.java:41)\n")
        keep = ["\tat com.acme.App.main(App.java:41)"]
    return bash(pick(["python -m app.sync", "./gradlew run", "make run"]), "", out) + ([s], keep)


def shape_kubectl_secret(kind, var, s):
    enc = b64(s.encode())
    name = pick(["api-credentials", "webapp-env", "integrations", "prod-secrets"])
    other_key, other_val = pick([("LOG_LEVEL", "info"), ("REGION", "eu-west-1"), ("MODE", "live")])
    text = (f"apiVersion: v1\ndata:\n  {var}: {enc}\nkind: Secret\nmetadata:\n  creationTimestamp: \"{ts()[:19]}Z\"\n"
            f"  name: {name}\n  namespace: {pick(['default', 'prod', 'staging'])}\n  resourceVersion: \"{R.randint(10000, 9999999)}\"\n"
            f"  uid: {uuid4()}\ntype: Opaque\n")
    keep = ["kind: Secret", f"  name: {name}"]
    if R.random() < 0.7:
        return bash(f"kubectl get secret {name} -o yaml", text) + ([enc], keep)
    return mcp("kubernetes", pick(["resources_get", "kubectl_get"]), [text],
               {"kind": "Secret", "name": name}) + ([enc], keep)


def shape_git_config(kind, var, s):
    svc = TOKENS[kind][2]
    host = {"github": "github.com", "gitlab": "gitlab.com"}.get(svc, "git.acme.dev")
    user = pick(["x-access-token", "oauth2", "alice", "gitlab-ci-token", "git"])
    url = f"https://{user}:{s}@{host}/acme/webapp.git"
    if R.random() < 0.5:
        out = "\n".join(["core.repositoryformatversion=0", "core.filemode=true", "core.bare=false",
                         "core.logallrefupdates=true", f"remote.origin.url={url}",
                         "remote.origin.fetch=+refs/heads/*:refs/remotes/origin/*", "branch.main.remote=origin",
                         "branch.main.merge=refs/heads/main", "user.name=Alice Example"]) + "\n"
        keep = ["core.bare=false", "branch.main.merge=refs/heads/main"]
        return bash(pick(["git config --list --local", "git config -l"]), out) + ([s], keep)
    if R.random() < 0.5:
        out = f"origin\t{url} (fetch)\norigin\t{url} (push)\nupstream\thttps://{host}/upstream/webapp.git (fetch)\n"
        keep = [f"upstream\thttps://{host}/upstream/webapp.git (fetch)"]
        return bash("git remote -v", out) + ([s], keep)
    out = ("[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n"
           f"[remote \"origin\"]\n\turl = {url}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n"
           "[branch \"main\"]\n\tremote = origin\n\tmerge = refs/heads/main\n")
    return read(PROJ + "/.git/config", out) + ([s], ["[branch \"main\"]"])


# Secrets that are never sent as a bearer token / API key header themselves
# (signing keys, passwords, key ids): no curl or auth-header shapes for them.
NOT_BEARER = {"aws-access-key-id", "aws-secret-access-key", "aws-session-token", "dotenv-password", "app-secret",
              "azure-storage-key", "age-secret-key", "stripe-webhook-secret", "google-oauth-secret", "twilio-auth-token"}

GENERIC_SHAPES = [shape_env, shape_dotenv, shape_json, shape_yaml, shape_log, shape_curl, shape_history,
                  shape_docker_inspect, shape_source, shape_grep, shape_mcp_db, shape_webfetch, shape_tfstate,
                  shape_stacktrace, shape_kubectl_secret]


# --------------------------------------------------------------------------
# Provider-specific credential files

def aws_pair():
    return TOKENS["aws-access-key-id"][0]().replace("ASIA", "AKIA"), TOKENS["aws-secret-access-key"][0]()


def rec_aws_credentials():
    ak, sk = aws_pair()
    profiles = [("default", ak, sk)]
    if R.random() < 0.5:
        profiles.append((pick(["prod", "staging", "ci-deployer"]),) + aws_pair())
    text = ""
    for name, a, b in profiles:
        text += f"[{name}]\naws_access_key_id = {a}\naws_secret_access_key = {b}\n"
        if R.random() < 0.4:
            text += "region = eu-west-1\n"
        text += "\n"
    secrets = [x for p in profiles for x in p[1:]]
    keep = ["[default]"]
    if R.random() < 0.6:
        return ("aws-secret-access-key", "aws-credentials-ini") + read(HOME + "/.aws/credentials", text) + (secrets, keep)
    return ("aws-secret-access-key", "aws-credentials-ini") + bash("cat ~/.aws/credentials", text) + (secrets, keep)


def rec_aws_export():
    ak, sk = aws_pair()
    if R.random() < 0.5:
        st = TOKENS["aws-session-token"][0]()
        ak = "ASIA" + ak[4:]
        doc = {"Credentials": {"AccessKeyId": ak, "SecretAccessKey": sk, "SessionToken": st,
                               "Expiration": ts()[:19] + "+00:00"},
               "AssumedRoleUser": {"AssumedRoleId": "AROA" + rs(17, B32) + ":alice",
                                   "Arn": "arn:aws:sts::123456789012:assumed-role/Deployer/alice"}}
        return ("aws-session-token", "aws-sts-json") + bash(
            "aws sts assume-role --role-arn arn:aws:iam::123456789012:role/Deployer --role-session-name alice",
            json.dumps(doc, indent=4) + "\n") + ([ak, sk, st], ['"Arn": "arn:aws:sts::123456789012:assumed-role/Deployer/alice"'])
    doc = {"AccessKey": {"UserName": "ci-bot", "AccessKeyId": ak, "Status": "Active", "SecretAccessKey": sk,
                         "CreateDate": ts()[:19] + "+00:00"}}
    return ("aws-secret-access-key", "aws-cli-json") + bash("aws iam create-access-key --user-name ci-bot",
                                                            json.dumps(doc, indent=4) + "\n") + ([ak, sk], ['"UserName": "ci-bot"'])


def rec_aws_keyid_only():
    ak = TOKENS["aws-access-key-id"][0]()
    r = R.random()
    if r < 0.5:
        doc = {"AccessKeyMetadata": [{"UserName": "ci-bot", "AccessKeyId": ak, "Status": "Active",
                                      "CreateDate": ts()[:19] + "+00:00"}]}
        return ("aws-access-key-id", "aws-cli-json") + bash("aws iam list-access-keys --user-name ci-bot",
                                                            json.dumps(doc, indent=4) + "\n") + ([ak], ['"UserName": "ci-bot"'])
    out = (f"{ts()} botocore.credentials INFO Found credentials in environment variables.\n"
           f"{ts()} botocore.auth DEBUG Calculating signature using v4 auth.\n"
           f"{ts()} botocore.auth DEBUG CanonicalRequest:\nGET\n/\n\nhost:s3.eu-west-1.amazonaws.com\n"
           f"{ts()} botocore.auth DEBUG StringToSign: AWS4-HMAC-SHA256 Credential={ak}/20250101/eu-west-1/s3/aws4_request\n")
    return ("aws-access-key-id", "log") + bash("python sync.py --debug", "", out) + ([ak], ["Calculating signature using v4 auth."])


def rec_presigned():
    ak, _ = aws_pair()
    sig = hexs(64)
    tok = ""
    secrets = [sig, ak]
    if R.random() < 0.4:
        ak = "ASIA" + ak[4:]
        secrets = [sig, ak]
        raw = TOKENS["aws-session-token"][0]()
        tok = "&X-Amz-Security-Token=" + raw.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
        secrets.append(raw.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D"))
    key = pick(["exports/report-2025-03.csv", "uploads/" + uuid4() + ".png", "backups/db.sql.gz"])
    url = (f"https://acme-uploads.s3.eu-west-1.amazonaws.com/{key}?X-Amz-Algorithm=AWS4-HMAC-SHA256"
           f"&X-Amz-Credential={ak}%2F20250301%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20250301T101500Z"
           f"&X-Amz-Expires=3600&X-Amz-SignedHeaders=host{tok}&X-Amz-Signature={sig}")
    if R.random() < 0.6:
        return ("aws-presigned-url", "url-query") + bash(f"aws s3 presign s3://acme-uploads/{key} --expires-in 3600", url + "\n") + (secrets, [])
    text = json.dumps({"download_url": url, "expires_in": 3600, "key": key})
    return ("aws-presigned-url", "url-query") + mcp("aws", "s3_presign", [text], {"bucket": "acme-uploads", "key": key}) + (secrets, ['"expires_in": 3600'])


def rec_azure_sas():
    sig_raw = b64(rbytes(32))
    sig = sig_raw.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
    acct = pick(["acmeprod", "acmebackups", "stwebappdev"])
    q = (f"sv=2022-11-02&ss=b&srt=sco&sp=rwdlacupiytfx&se=2026-01-01T00:00:00Z&st=2025-01-01T00:00:00Z"
         f"&spr=https&sig={sig}")
    if R.random() < 0.5:
        out = f"https://{acct}.blob.core.windows.net/exports?{q}\n"
        return ("azure-sas", "url-query") + bash(f"az storage container generate-sas --account-name {acct} -n exports --permissions rwdl --expiry 2026-01-01 --https-only -o tsv | sed 's|^|https://{acct}.blob.core.windows.net/exports?|'", out) + ([sig], [])
    text = f"AZURE_STORAGE_SAS_URL=https://{acct}.blob.core.windows.net/exports?{q}\nAZURE_CONTAINER=exports\n"
    return ("azure-sas", "dotenv") + read(PROJ + "/.env", text) + ([sig], ["AZURE_CONTAINER=exports"])


def rec_azure_connstr():
    key = TOKENS["azure-storage-key"][0]()
    acct = pick(["acmeprod", "acmebackups", "stwebappdev"])
    cs = f"DefaultEndpointsProtocol=https;AccountName={acct};AccountKey={key};EndpointSuffix=core.windows.net"
    r = R.random()
    if r < 0.4:
        return ("azure-storage-key", "connection-string") + bash(
            f"az storage account show-connection-string -n {acct} -o tsv", cs + "\n") + ([key], [])
    if r < 0.7:
        doc = {"IsEncrypted": False, "Values": {"AzureWebJobsStorage": cs, "FUNCTIONS_WORKER_RUNTIME": "node"}}
        return ("azure-storage-key", "json-config") + read(PROJ + "/local.settings.json", json.dumps(doc, indent=2)) + (
            [key], ['"FUNCTIONS_WORKER_RUNTIME": "node"'])
    doc = [{"keyName": "key1", "permissions": "FULL", "value": key},
           {"keyName": "key2", "permissions": "FULL", "value": (k2 := TOKENS["azure-storage-key"][0]())}]
    return ("azure-storage-key", "cli-json") + bash(f"az storage account keys list -n {acct}",
                                                    json.dumps(doc, indent=2) + "\n") + ([key, k2], ['"keyName": "key1"'])


def rec_npmrc():
    t = TOKENS["npm-token"][0]()
    text = (f"registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken={t}\n"
            "@acme:registry=https://npm.pkg.github.com\nsave-exact=true\n")
    keep = ["save-exact=true"]
    if R.random() < 0.5:
        return ("npm-token", "npmrc") + read(HOME + "/.npmrc", text) + ([t], keep)
    return ("npm-token", "npmrc") + bash("cat ~/.npmrc", text) + ([t], keep)


def rec_pypirc():
    t = TOKENS["pypi-token"][0]()
    text = (f"[distutils]\nindex-servers =\n    pypi\n    testpypi\n\n[pypi]\nusername = __token__\npassword = {t}\n\n"
            "[testpypi]\nrepository = https://test.pypi.org/legacy/\nusername = __token__\n")
    return ("pypi-token", "pypirc") + read(HOME + "/.pypirc", text) + ([t], ["repository = https://test.pypi.org/legacy/"])


def rec_netrc():
    entries, secrets = [], []
    hosts = R.sample(["api.heroku.com", "git.heroku.com", "github.com", "gitlab.acme.dev", "ftp.acme.dev",
                      "artifactory.acme.dev", "urs.earthdata.nasa.gov"], R.randint(1, 3))
    for h in hosts:
        if "heroku" in h:
            pw = pick([uuid4(), "HRKU-" + uuid4()])
        elif h == "github.com":
            pw = gh_token("ghp_")
        else:
            pw = password().replace(" ", "")
        secrets.append(pw)
        if R.random() < 0.5:
            entries.append(f"machine {h} login {pick(['alice@acme.dev', 'alice', 'deploy'])} password {pw}")
        else:
            entries.append(f"machine {h}\n  login {pick(['alice@acme.dev', 'alice', 'deploy'])}\n  password {pw}")
    text = "\n".join(entries) + "\n"
    if R.random() < 0.6:
        return ("netrc-password", "netrc") + read(HOME + "/.netrc", text) + (secrets, [f"machine {hosts[0]}"])
    return ("netrc-password", "netrc") + bash("cat ~/.netrc", text) + (secrets, [f"machine {hosts[0]}"])


def rec_pgpass():
    lines, secrets = [], []
    for _ in range(R.randint(1, 3)):
        pw = rs(R.randint(12, 28), ALNUM + "!#%^*-_+=.~")
        secrets.append(pw)
        lines.append(f"{pick(['localhost', 'db.internal', '10.0.3.14', 'prod-db.c9x.eu-west-1.rds.amazonaws.com'])}:"
                     f"{pick(['5432', '6432', '*'])}:{pick(['webapp', 'analytics', '*'])}:{pick(['postgres', 'webapp', 'readonly'])}:{pw}")
    text = "\n".join(lines) + "\n"
    if R.random() < 0.3:
        text = "# hostname:port:database:username:password\n" + text
    if R.random() < 0.6:
        return ("pgpass-password", "pgpass") + read(HOME + "/.pgpass", text) + (secrets, [])
    return ("pgpass-password", "pgpass") + bash("cat ~/.pgpass", text) + (secrets, [])


def pem_body(der, width=64):
    s = b64(der)
    return [s[i:i + width] for i in range(0, len(s), width)]


def ssh_string(b):
    return struct.pack(">I", len(b)) + b


def private_key(kind):
    """(full text of the block, body lines) for a freshly random key."""
    if kind == "private-key-rsa":
        der = bytes.fromhex("308204a40201000282010100") + rbytes(1180)
        head, foot = "-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----"
        lines = pem_body(der)
    elif kind == "private-key-ec":
        der = bytes.fromhex("30770201010420") + rbytes(32) + bytes.fromhex(
            "a00a06082a8648ce3d030107a144034200") + b"\x04" + rbytes(64)
        head, foot = "-----BEGIN EC PRIVATE KEY-----", "-----END EC PRIVATE KEY-----"
        lines = pem_body(der)
    elif kind == "private-key-openssh":
        pub = ssh_string(b"ssh-ed25519") + ssh_string(rbytes(32))
        chk = rbytes(4)
        priv = chk + chk + pub + ssh_string(rbytes(64)) + ssh_string(b"alice@devbox") + b"\x01\x02\x03\x04\x05"
        der = b"openssh-key-v1\x00" + ssh_string(b"none") + ssh_string(b"none") + ssh_string(b"") + \
            struct.pack(">I", 1) + ssh_string(pub) + ssh_string(priv)
        head, foot = "-----BEGIN OPENSSH PRIVATE KEY-----", "-----END OPENSSH PRIVATE KEY-----"
        lines = pem_body(der, 70)
    elif kind == "private-key-pkcs8":
        der = bytes.fromhex("308204bd020100300d06092a864886f70d0101010500048204a7308204a30201000282010100") + rbytes(1160)
        head, foot = "-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----"
        lines = pem_body(der)
    else:  # pgp
        der = bytes.fromhex("9503c6") + b"\x04" + rbytes(900)
        head, foot = "-----BEGIN PGP PRIVATE KEY BLOCK-----", "-----END PGP PRIVATE KEY BLOCK-----"
        lines = pem_body(der) + ["=" + b64(rbytes(3))]
        lines = [""] + lines  # blank line after the armor header
    return head, lines, foot


def rec_private_key(kind):
    head, lines, foot = private_key(kind)
    body = [l for l in lines if l]
    body_nl = "\n".join(body)
    block = head + "\n" + "\n".join(lines) + "\n" + foot + "\n"
    r = R.random()
    if kind == "private-key-pkcs8" and r < 0.5:
        # service-account JSON: the key is a JSON string, so the file text holds \n escapes
        pem = head + "\n" + "\n".join(lines) + "\n" + foot + "\n"
        proj = pick(["acme-prod", "webapp-staging-4821", "ml-pipeline"])
        doc = {"type": "service_account", "project_id": proj, "private_key_id": hexs(40), "private_key": pem,
               "client_email": f"deployer@{proj}.iam.gserviceaccount.com", "client_id": rs(21, DIGITS),
               "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "https://oauth2.googleapis.com/token"}
        text = json.dumps(doc, indent=2)
        # (private_key_id names the key, as the "kid" of every JWT it
        # signs does: an identifier, like an IAM user id, not a secret)
        esc = "\\n".join(body)
        keep = [f'"client_email": "deployer@{proj}.iam.gserviceaccount.com"']
        if R.random() < 0.5:
            return (kind, "json-escaped") + read(PROJ + "/credentials/service-account.json", text + "\n") + ([esc], keep)
        return (kind, "json-escaped") + mcp("github", "get_file_contents", [text],
                                            {"owner": "acme", "repo": "infra", "path": "gcp/sa.json"}) + ([esc], keep)
    if r < 0.25:
        path = pick(["~/.ssh/id_rsa", "~/.ssh/id_ed25519", "deploy/key.pem", "certs/server.key"])
        return (kind, "pem-file") + bash("cat " + path, block) + ([body_nl], [])
    if r < 0.5:
        path = pick([HOME + "/.ssh/id_ed25519", HOME + "/.ssh/id_ecdsa", PROJ + "/certs/tls.key", PROJ + "/jwt-signing.pem"])
        return (kind, "pem-file") + read(path, block) + ([body_nl], [])
    if r < 0.65:
        # the key in a .env value with \n escapes
        esc = "\\n".join(body)
        text = "APP_NAME=webapp\nJWT_ISSUER=https://auth.acme.dev\nJWT_PRIVATE_KEY=\"" + \
            "\\n".join([head] + lines + [foot]) + "\"\nJWT_TTL=3600\n"
        return (kind, "dotenv-escaped") + read(PROJ + "/.env", text) + ([esc], ["JWT_ISSUER=https://auth.acme.dev", "JWT_TTL=3600"])
    if r < 0.8:
        # terraform output -json, the PEM inside a JSON string
        doc = {"ssh_private_key": {"sensitive": True, "type": "string", "value": block},
               "instance_ip": {"sensitive": False, "type": "string", "value": "10.0.4.17"}}
        # (the stdout is JSON text, so the newlines of the key are \n escapes in it)
        return (kind, "json-string") + bash("terraform output -json", json.dumps(doc, indent=2) + "\n") + (
            ["\\n".join(body)], ['"value": "10.0.4.17"'])
    if r < 0.9:
        # a multi-line env value as printed by env
        out = "\n".join(R.sample(BENIGN_ENV, 6)) + "\nDEPLOY_KEY=" + block + "\n".join(R.sample(BENIGN_ENV, 3)) + "\n"
        return (kind, "env-multiline") + bash("env", out) + ([body_nl], [])
    # grep -A printing the key
    hits = [("deploy/id_deploy", 1, head)] + [("deploy/id_deploy", i + 2, l) for i, l in enumerate(lines)] + \
        [("deploy/id_deploy", len(lines) + 2, foot)]
    content = "\n".join(f"{p}:{n}:{t}" for p, n, t in hits)
    grep_body = "\n".join(f"deploy/id_deploy:{i + 2}:{l}" for i, l in enumerate(lines) if l)
    return (kind, "grep") + ("Grep", {"pattern": "PRIVATE KEY", "path": PROJ, "output_mode": "content", "-A": 40, "-n": True},
                             {"mode": "content", "numFiles": 1, "filenames": [], "content": content,
                              "numLines": len(hits)}) + ([l for l in body if len(l) >= 40][:6] or body, [])


def rec_kubeconfig():
    cluster = pick(["prod-eks", "staging", "kind-dev", "gke_acme-prod_europe-west1_main"])
    ca = b64(b"-----BEGIN CERTIFICATE-----\n" + b64(rbytes(600)).encode() + b"\n-----END CERTIFICATE-----\n")
    if R.random() < 0.5:
        tok = pick([jwt(), rs(6, LOWER + DIGITS) + "." + rs(16, LOWER + DIGITS), "sha256~" + rs(43, B64URL)])
        user = f"- name: {cluster}-admin\n  user:\n    token: {tok}\n"
        secrets, kind = [tok], "kubeconfig-token"
    else:
        _, lines, _ = private_key("private-key-ec")
        keyb64 = b64(("-----BEGIN EC PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END EC PRIVATE KEY-----\n").encode())
        crt = b64(b"-----BEGIN CERTIFICATE-----\n" + b64(rbytes(500)).encode() + b"\n-----END CERTIFICATE-----\n")
        user = (f"- name: {cluster}-admin\n  user:\n    client-certificate-data: {crt}\n"
                f"    client-key-data: {keyb64}\n")
        secrets, kind = [keyb64], "kubeconfig-client-key"
    text = (f"apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: {ca}\n"
            f"    server: https://{R.randint(10, 250)}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}:6443\n"
            f"  name: {cluster}\ncontexts:\n- context:\n    cluster: {cluster}\n    user: {cluster}-admin\n"
            f"  name: {cluster}\ncurrent-context: {cluster}\nkind: Config\npreferences: {{}}\nusers:\n{user}")
    keep = [f"current-context: {cluster}", "kind: Config"]
    r = R.random()
    if r < 0.4:
        return (kind, "kubeconfig") + read(HOME + "/.kube/config", text) + (secrets, keep)
    if r < 0.8:
        return (kind, "kubeconfig") + bash(pick(["kubectl config view --raw", "cat ~/.kube/config"]), text) + (secrets, keep)
    return (kind, "kubeconfig") + mcp("kubernetes", "configuration_view", [text], {"minified": False}) + (secrets, keep)


def rec_docker_auth():
    user = pick(["alice", "ci-bot", "acme+deployer", "AWS", "_json_key", "oauth2accesstoken"])
    pw = pick([password(), gh_token("ghp_"), "dckr_pat_" + rs(27, B64URL)])
    auth = b64(f"{user}:{pw}".encode())
    regs = {pick(["https://index.docker.io/v1/", "ghcr.io", "registry.gitlab.com", "acme.azurecr.io"]): {"auth": auth}}
    doc = {"auths": regs, "credHelpers": {"123456789012.dkr.ecr.eu-west-1.amazonaws.com": "ecr-login"},
           "currentContext": "default"}
    text = json.dumps(doc, indent="\t")
    keep = ['"currentContext": "default"']
    if R.random() < 0.6:
        return ("docker-auth", "docker-config") + read(HOME + "/.docker/config.json", text + "\n") + ([auth], keep)
    return ("docker-auth", "docker-config") + bash("cat ~/.docker/config.json", text + "\n") + ([auth], keep)


def rec_dockerconfigjson_secret():
    user, pw = "robot$deployer", password()
    auth = b64(f"{user}:{pw}".encode())
    inner = json.dumps({"auths": {"harbor.acme.dev": {"username": user, "password": pw, "auth": auth}}})
    enc = b64(inner.encode())
    text = (f"apiVersion: v1\ndata:\n  .dockerconfigjson: {enc}\nkind: Secret\nmetadata:\n  name: regcred\n"
            f"  namespace: default\ntype: kubernetes.io/dockerconfigjson\n")
    return ("kubernetes-secret-data", "kubectl-secret") + bash("kubectl get secret regcred -o yaml", text) + (
        [enc], ["type: kubernetes.io/dockerconfigjson"])


def rec_k8s_secret_multi():
    name = pick(["db-credentials", "webapp-secrets", "redis-auth"])
    vals = {"username": pick(["webapp", "postgres", "admin"]), "password": password()}
    if R.random() < 0.5:
        vals["api-key"] = hexs(40)
    data = {k: b64(v.encode()) for k, v in vals.items()}
    text = "apiVersion: v1\ndata:\n" + "".join(f"  {k}: {v}\n" for k, v in data.items()) + \
        f"kind: Secret\nmetadata:\n  name: {name}\n  namespace: prod\ntype: Opaque\n"
    # data: values of a Secret are secrets, the username included (it is stored as one)
    secrets = [data[k] for k in data if k != "username"]
    if R.random() < 0.4:
        doc = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": name, "namespace": "prod"}, "type": "Opaque",
               "data": data}
        return ("kubernetes-secret-data", "kubectl-secret-json") + bash(f"kubectl get secret {name} -o json",
                                                                        json.dumps(doc, indent=4) + "\n") + (secrets, ['"namespace": "prod"'])
    return ("kubernetes-secret-data", "kubectl-secret") + bash(f"kubectl get secret {name} -n prod -o yaml", text) + (
        secrets, [f"  name: {name}"])


def rec_k8s_tls_secret():
    _, lines, _ = private_key("private-key-rsa")
    key = b64(("-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END RSA PRIVATE KEY-----\n").encode())
    crt = b64(b"-----BEGIN CERTIFICATE-----\n" + b64(rbytes(700)).encode() + b"\n-----END CERTIFICATE-----\n")
    text = (f"apiVersion: v1\ndata:\n  tls.crt: {crt}\n  tls.key: {key}\nkind: Secret\nmetadata:\n"
            f"  name: webapp-tls\n  namespace: ingress\ntype: kubernetes.io/tls\n")
    return ("kubernetes-secret-data", "kubectl-secret") + bash("kubectl get secret webapp-tls -n ingress -o yaml", text) + (
        [key], ["type: kubernetes.io/tls"])


def rec_url_password():
    pw = url_password()
    user = pick(["webapp", "postgres", "admin", "app_rw", "svc-report", "root"])
    scheme, host, tail = pick([("postgres", "db.internal:5432", "/webapp"), ("postgresql", "prod-db.c9x.eu-west-1.rds.amazonaws.com:5432", "/app?sslmode=require"),
                               ("mysql", "mysql.internal:3306", "/shop"), ("mongodb+srv", "cluster0.ab1cd.mongodb.net", "/test?retryWrites=true&w=majority"),
                               ("redis", "cache.internal:6379", "/0"), ("amqp", "rabbit.internal:5672", "/%2F"),
                               ("rediss", "master.acme.abc123.euw1.cache.amazonaws.com:6379", ""),
                               ("https", "artifactory.acme.dev", "/artifactory/api/pypi/pypi/simple")])
    if scheme == "redis" and R.random() < 0.5:
        url = f"redis://:{pw}@{host}{tail}"
    else:
        url = f"{scheme}://{user}:{pw}@{host}{tail}"
    r = R.random()
    if r < 0.25:
        text = f"DATABASE_URL={url}\nPORT=8080\nNODE_ENV=production\n"
        return ("url-password", "dotenv") + read(PROJ + "/.env", text) + ([pw], ["NODE_ENV=production"])
    if r < 0.45:
        out = (f"{ts()} ERROR sqlalchemy.pool: could not connect to {url}: connection refused\n"
               f"{ts()} INFO  retrying in 5s\n")
        return ("url-password", "log") + bash("docker compose logs api --tail 20", out) + ([pw], ["retrying in 5s"])
    if r < 0.6:
        out = f"pip config: global.index-url='{url}'\n" if scheme == "https" else \
            f"Connecting to {url} ...\nConnected. Server version 16.2\n"
        return ("url-password", "cli") + bash(pick(["pip config list", "./scripts/dbcheck.sh"]), out) + ([pw], [])
    if r < 0.8:
        doc = {"ConnectionStrings": {"Default": url}, "Logging": {"LogLevel": {"Default": "Information"}}}
        return ("url-password", "json-config") + read(PROJ + "/appsettings.Production.json", json.dumps(doc, indent=2)) + (
            [pw], ['"Default": "Information"'])
    text = f"services:\n  api:\n    image: acme/api:1.4\n    environment:\n      DATABASE_URL: {url}\n      PORT: \"8080\"\n"
    return ("url-password", "yaml-config") + mcp("filesystem", "read_file", [text], {"path": "docker-compose.yml"}) + (
        [pw], ["    image: acme/api:1.4"])


def rec_url_token_param():
    param = pick(["access_token", "token", "api_key", "apikey", "key", "private_token", "auth"])
    t = pick([hexs(40), rs(32), jwt(), gh_token("gho_"), "EAAB" + rs(160)])
    host = pick(["api.acme.dev", "graph.facebook.com", "gitlab.acme.dev", "hooks.zapier.com", "api.weather.example.org"])
    url = f"https://{host}/v2/{pick(['events', 'projects/12/issues', 'me', 'forecast'])}?{param}={t}&page=2"
    r = R.random()
    if r < 0.3:
        out = f"{ts()} INFO  GET {url} -> 200 (143ms)\n{ts()} INFO  fetched 100 rows\n"
        return ("url-token-param", "log") + bash("node scripts/sync.js", out) + ([t], ["fetched 100 rows"])
    if r < 0.55:
        return ("url-token-param", "webfetch-url") + webfetch(url, "The endpoint returned a JSON list of 100 events with ids, "
                                                              "timestamps and types; the next page cursor is 3.") + ([t], ["next page cursor is 3"])
    if r < 0.8:
        out = f"--{ts()[:19].replace('T', ' ')}--  {url}\nResolving {host}... 93.184.216.34\nHTTP request sent, awaiting response... 200 OK\n"
        return ("url-token-param", "cli") + bash(f"wget '{url}' -O out.json", "", out) + ([t], ["HTTP request sent, awaiting response... 200 OK"])
    text = json.dumps({"webhook": {"url": url, "active": True, "events": ["push"]}})
    return ("url-token-param", "mcp-json") + mcp("zapier", "list_webhooks", [text]) + ([t], ['"events": ["push"]'])


def rec_slack_webhook():
    path = f"T{rs(pick([8, 10]), UPPER + DIGITS)}/B{rs(pick([8, 10]), UPPER + DIGITS)}/{rs(24)}"
    url = "https://hooks.slack.com/services/" + path
    r = R.random()
    if r < 0.3:
        text = f"SLACK_WEBHOOK_URL={url}\nSLACK_CHANNEL=#deploys\n"
        return ("slack-webhook", "dotenv") + read(PROJ + "/.env", text) + ([path], ["SLACK_CHANNEL=#deploys"])
    if r < 0.6:
        text = (f"name: notify\non: [push]\njobs:\n  notify:\n    runs-on: ubuntu-latest\n    steps:\n"
                f"      - run: curl -X POST -H 'Content-type: application/json' --data '{{\"text\":\"deployed\"}}' {url}\n")
        return ("slack-webhook", "ci-yaml") + read(PROJ + "/.github/workflows/notify.yml", text) + ([path], ["runs-on: ubuntu-latest"])
    if r < 0.8:
        hits = [("scripts/notify.sh", 4, f'WEBHOOK="{url}"'), ("scripts/notify.sh", 9, 'curl -s -X POST "$WEBHOOK" -d "$payload"')]
        return ("slack-webhook", "grep") + grep("hooks.slack.com|WEBHOOK", hits) + ([path], ["scripts/notify.sh:9:"])
    return ("slack-webhook", "mcp-json") + mcp("n8n", "get_workflow", [json.dumps(
        {"nodes": [{"type": "n8n-nodes-base.httpRequest", "parameters": {"url": url, "method": "POST"}}], "active": True})]) + (
        [path], ['"method": "POST"'])


def rec_discord_webhook():
    path = f"{R.randint(10**17, 10**19 - 1)}/{rs(68, B64URL)}"
    url = pick(["https://discord.com/api/webhooks/", "https://discordapp.com/api/webhooks/"]) + path
    r = R.random()
    if r < 0.4:
        return ("discord-webhook", "dotenv") + read(PROJ + "/.env", f"DISCORD_WEBHOOK={url}\nBOT_PREFIX=!\n") + ([path], ["BOT_PREFIX=!"])
    if r < 0.7:
        src = f"import requests\n\nWEBHOOK = \"{url}\"\n\ndef alert(msg):\n    requests.post(WEBHOOK, json={{\"content\": msg}})\n"
        return ("discord-webhook", "source") + read(PROJ + "/tools/alert.py", src) + ([path], ["def alert(msg):"])
    return ("discord-webhook", "cli") + bash("grep -r webhooks config/", f"config/alerts.toml:url = \"{url}\"\n") + ([path], [])


def rec_basic_auth():
    user, pw = pick(["admin", "alice", "api", "jenkins", "elastic"]), password()
    cred = b64(f"{user}:{pw}".encode())
    host = pick(["jenkins.acme.dev", "es.internal:9200", "registry.acme.dev", "api.acme.dev"])
    err = (f"> GET /api/json HTTP/1.1\n> Host: {host}\n> Authorization: Basic {cred}\n> User-Agent: curl/8.5.0\n>\n"
           "< HTTP/1.1 200 OK\n< Content-Type: application/json\n")
    if R.random() < 0.6:
        return ("http-auth-header", "curl-verbose") + bash(f"curl -v -u {user}:$PW https://{host}/api/json", "{}\n", err) + (
            [cred], ["< HTTP/1.1 200 OK"])
    opaque = rs(R.randint(32, 64), B64URL)
    text = (f"GET https://{host}/v1/reports HTTP/1.1\nAuthorization: Bearer {opaque}\nAccept: application/json\n\n"
            "###\n\nGET https://" + host + "/v1/health HTTP/1.1\n")
    return ("http-auth-header", "http-file") + read(PROJ + "/requests/reports.http", text) + ([opaque], ["Accept: application/json"])


def rec_config_password():
    pw = password()
    form = pick(["yaml", "json", "properties", "ini", "toml", "xml", "php"])
    if form == "yaml":
        text = (f"spring:\n  datasource:\n    url: jdbc:postgresql://db.internal:5432/app\n    username: app\n"
                f"    password: {pw}\n  jpa:\n    hibernate:\n      ddl-auto: validate\n")
        path, keep = "src/main/resources/application-prod.yml", ["      ddl-auto: validate"]
    elif form == "json":
        text = json.dumps({"db": {"host": "db.internal", "user": "app", "password": pw, "pool": 10}}, indent=2)
        path, keep = "config/production.json", ['"pool": 10']
    elif form == "properties":
        text = (f"spring.datasource.url=jdbc:mysql://mysql.internal:3306/shop\nspring.datasource.username=shop\n"
                f"spring.datasource.password={pw}\nserver.port=8081\n")
        path, keep = "src/main/resources/application.properties", ["server.port=8081"]
    elif form == "ini":
        text = f"[database]\nhost = db.internal\nuser = reporting\npassword = {pw}\n\n[cache]\nttl = 300\n"
        path, keep = "config/app.ini", ["ttl = 300"]
    elif form == "toml":
        text = f"[smtp]\nhost = \"smtp.mailgun.org\"\nport = 587\nusername = \"postmaster@mg.acme.dev\"\npassword = \"{pw}\"\n"
        path, keep = "config.toml", ["port = 587"]
    elif form == "xml":
        text = (f"<settings>\n  <servers>\n    <server>\n      <id>acme-releases</id>\n      <username>deploy</username>\n"
                f"      <password>{pw}</password>\n    </server>\n  </servers>\n</settings>\n")
        path, keep = HOME + "/.m2/settings.xml", ["<id>acme-releases</id>"]
    else:
        text = (f"<?php\nreturn [\n    'host' => 'db.internal',\n    'username' => 'wp',\n    'password' => '{pw}',\n"
                f"    'charset' => 'utf8mb4',\n];\n")
        path, keep = "config/database.php", ["'charset' => 'utf8mb4',"]
    if not path.startswith("/"):
        path = PROJ + "/" + path
    r = R.random()
    if r < 0.55:
        return ("config-password", "config-" + form) + read(path, text) + ([pw], keep)
    if r < 0.75:
        return ("config-password", "config-" + form) + bash("cat " + path.replace(PROJ + "/", ""), text) + ([pw], keep)
    if r < 0.9:
        return ("config-password", "config-" + form) + mcp("filesystem", "read_text_file", [text], {"path": path}) + ([pw], keep)
    line = [l for l in text.split("\n") if pw in l][0]
    return ("config-password", "grep") + grep("password", [(path.replace(PROJ + "/", ""), R.randint(2, 30), line.strip()),
                                                           ("README.md", 40, "Set the database password in config (see docs/setup.md).")]) + (
        [pw], ["README.md:40:"])


def rec_docker_inspect_env_password():
    pw = password()
    var = pick(["POSTGRES_PASSWORD", "MYSQL_ROOT_PASSWORD", "MONGO_INITDB_ROOT_PASSWORD", "RABBITMQ_DEFAULT_PASS"])
    return ("dotenv-password", "docker-inspect") + shape_docker_inspect("dotenv-password", var, pw)[:3] + ([pw], ['"WorkingDir": "/app"'])


def rec_git_credentials():
    t = pick([gh_token("ghp_"), gh_token("gho_"), "glpat-" + rs(20, ALNUM + "-_")])
    host = "github.com" if t.startswith("gh") else "gitlab.com"
    text = f"https://alice:{t}@{host}\n"
    kind = "github-token" if t.startswith("ghp_") else "github-oauth" if t.startswith("gho_") else "gitlab-token"
    if R.random() < 0.5:
        return (kind, "git-credentials") + read(HOME + "/.git-credentials", text) + ([t], [])
    return (kind, "git-credentials") + bash("cat ~/.git-credentials", text) + ([t], [])


def rec_gh_hosts():
    t = gh_token("gho_")
    text = f"github.com:\n    user: alice\n    oauth_token: {t}\n    git_protocol: https\n"
    return ("github-oauth", "yaml-config") + read(HOME + "/.config/gh/hosts.yml", text) + ([t], ["    git_protocol: https"])


def rec_twilio_pair():
    sid = "AC" + hexs(32)
    tok = hexs(32)
    ksid, ksec = "SK" + hexs(32), rs(32)
    text = f"TWILIO_ACCOUNT_SID={sid}\nTWILIO_AUTH_TOKEN={tok}\nTWILIO_API_KEY={ksid}\nTWILIO_API_SECRET={ksec}\nTWILIO_FROM=+15005550006\n"
    return ("twilio-auth-token", "dotenv") + read(PROJ + "/.env", text) + ([tok, ksec], ["TWILIO_FROM=+15005550006"])


def rec_multi_env():
    """A dump with several different secrets at once."""
    kinds = R.sample(["github-token", "openai-key", "anthropic-key", "aws-secret-access-key", "slack-bot-token",
                      "stripe-secret-key", "npm-token", "huggingface-token", "dotenv-password"], 3)
    pairs = [(pick(TOKENS[k][1]), TOKENS[k][0]()) for k in kinds]
    lines = R.sample(BENIGN_ENV, 12) + [f"{v}={s}" for v, s in pairs]
    lines.sort()
    return ("multiple", "env") + bash("printenv | sort", "\n".join(lines) + "\n") + (
        [s for _, s in pairs], [l for l in lines if l.startswith("SHELL=") or l.startswith("LANG=")][:2])


# --------------------------------------------------------------------------
# Clean lookalikes.  Each returns (tool, input, response).

NAMES = ["Alice Example <alice@acme.dev>", "Bob Builder <bob@acme.dev>", "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
         "Chen Li <chen.li@corp.example.net>", "Maria Rossi <m.rossi@acme.dev>"]
SUBJ = ["fix: handle empty cart", "feat(api): paginate orders", "chore(deps): bump lodash from 4.17.20 to 4.17.21",
        "refactor: extract token parser", "docs: explain password reset flow", "test: add auth token expiry cases",
        "ci: cache node_modules", "fix(auth): rotate session secret on logout", "Merge pull request #412 from acme/fix-login"]


def c_git_log():
    out = ""
    for _ in range(R.randint(2, 6)):
        out += f"commit {hexs(40)}\n"
        if R.random() < 0.2:
            out += f"Merge: {hexs(7)} {hexs(7)}\n"
        out += f"Author: {pick(NAMES)}\nDate:   Mon Mar {R.randint(1, 28)} {R.randint(0, 23):02d}:{R.randint(0, 59):02d}:00 2025 +0100\n\n    {pick(SUBJ)}\n"
        if R.random() < 0.3:
            out += f"\n    Change-Id: I{hexs(40)}\n"
        if R.random() < 0.3:
            out += f"    Signed-off-by: {pick(NAMES)}\n"
        out += "\n"
    return bash(pick(["git log -5", "git log --no-merges -n 4", "git log origin/main..HEAD"]), out)


def c_git_oneline():
    out = "".join(f"{hexs(pick([7, 8, 10, 12]))} {pick(SUBJ)}\n" for _ in range(R.randint(5, 20)))
    r = R.random()
    if r < 0.7:
        return bash(pick(["git log --oneline -20", "git log --oneline main..", "git reflog -10 | cut -c1-60"]), out)
    return mcp("git", "git_log", [out], {"repo_path": PROJ, "max_count": 20})


def c_git_misc():
    k = R.randint(0, 4)
    if k == 0:
        out = "".join(f"{hexs(40)}\trefs/{pick(['heads', 'tags'])}/{pick(['main', 'v1.2.0', 'release/2025.03', 'feature/login'])}\n" for _ in range(R.randint(3, 9)))
        return bash("git ls-remote origin", out)
    if k == 1:
        out = f"{hexs(40)}\n"
        return bash(pick(["git rev-parse HEAD", "git merge-base main HEAD"]), out)
    if k == 2:
        out = "".join(f"100644 blob {hexs(40)}\t{pick(['src/index.ts', 'README.md', 'package.json', 'src/auth/token.ts', 'secrets.example.yaml'])}\n" for _ in range(R.randint(3, 8)))
        return bash("git ls-tree HEAD", out)
    if k == 3:
        a, b = hexs(7), hexs(7)
        out = (f"diff --git a/src/auth.ts b/src/auth.ts\nindex {a}..{b} 100644\n--- a/src/auth.ts\n+++ b/src/auth.ts\n"
               "@@ -12,7 +12,7 @@ export function login(user: string, password: string) {\n"
               "-  const token = await issueToken(user);\n+  const token = await issueToken(user, { ttl: 3600 });\n"
               "   return { token };\n")
        return bash("git diff HEAD~1 -- src/auth.ts", out)
    out = f"[main {hexs(7)}] {pick(SUBJ)}\n {R.randint(1, 9)} files changed, {R.randint(1, 200)} insertions(+), {R.randint(0, 90)} deletions(-)\n"
    return bash("git commit -m 'wip'", out)


def c_shasums():
    algo = pick(["sha256", "sha512", "md5", "sha1", "b2"])
    n = {"sha256": 64, "sha512": 128, "md5": 32, "sha1": 40, "b2": 128}[algo]
    files = R.sample(["dist/app-linux-amd64.tar.gz", "dist/app-darwin-arm64.tar.gz", "dist/app-windows-amd64.zip",
                      "node-v20.11.1-linux-x64.tar.xz", "terraform_1.7.5_linux_amd64.zip", "backup-2025-03-01.sql.gz",
                      "model.safetensors", "go1.22.1.linux-amd64.tar.gz"], R.randint(1, 5))
    out = "".join(f"{hexs(n)}  {f}\n" for f in files)
    r = R.random()
    if r < 0.5:
        return bash(f"{algo}sum {' '.join(files)}", out)
    if r < 0.8:
        return read(PROJ + f"/dist/{algo.upper()}SUMS", out)
    return webfetch("https://releases.example.org/v1.7.5/SHA256SUMS", "The file lists release checksums:\n\n" + out)


def c_npm_lock():
    pkgs = R.sample(["lodash", "react", "react-dom", "express", "axios", "debug", "ms", "semver", "chalk",
                     "@babel/core", "@types/node", "typescript", "zod", "jsonwebtoken", "bcryptjs", "dotenv"], R.randint(2, 6))
    d = {}
    for p in pkgs:
        v = f"{R.randint(0, 18)}.{R.randint(0, 30)}.{R.randint(0, 20)}"
        d["node_modules/" + p] = {"version": v, "resolved": f"https://registry.npmjs.org/{p}/-/{p.split('/')[-1]}-{v}.tgz",
                                  "integrity": "sha512-" + b64(rbytes(64)), "license": "MIT"}
        if R.random() < 0.3:
            d["node_modules/" + p]["dev"] = True
    text = json.dumps({"name": "webapp", "version": "2.3.0", "lockfileVersion": 3, "requires": True, "packages": d}, indent=2)
    if R.random() < 0.6:
        return read(PROJ + "/package-lock.json", text)
    return bash("jq '.packages' package-lock.json | head -60", text)


def c_yarn_lock():
    out = "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n"
    for p in R.sample(["ansi-regex", "debug", "ms", "minimist", "glob", "inherits", "once", "wrappy", "semver"], R.randint(2, 5)):
        v = f"{R.randint(1, 9)}.{R.randint(0, 9)}.{R.randint(0, 9)}"
        out += (f'{p}@^{v}:\n  version "{v}"\n  resolved "https://registry.yarnpkg.com/{p}/-/{p}-{v}.tgz#{hexs(40)}"\n'
                f'  integrity sha512-{b64(rbytes(64))}\n\n')
    return read(PROJ + "/yarn.lock", out)


def c_cargo_lock():
    out = "# This file is automatically @generated by Cargo.\nversion = 3\n\n"
    for p in R.sample(["serde", "tokio", "anyhow", "rand", "regex", "libc", "hyper", "clap"], R.randint(2, 5)):
        out += (f'[[package]]\nname = "{p}"\nversion = "{R.randint(0, 2)}.{R.randint(0, 40)}.{R.randint(0, 20)}"\n'
                f'source = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "{hexs(64)}"\n\n')
    return read(PROJ + "/Cargo.lock", out)


def c_go_sum():
    out = ""
    for m in R.sample(["github.com/stretchr/testify", "golang.org/x/crypto", "golang.org/x/sys", "github.com/google/uuid",
                       "gopkg.in/yaml.v3", "github.com/spf13/cobra", "github.com/golang-jwt/jwt/v5"], R.randint(2, 5)):
        v = f"v{R.randint(0, 3)}.{R.randint(0, 40)}.{R.randint(0, 9)}"
        out += f"{m} {v} h1:{b64(rbytes(32))}\n{m} {v}/go.mod h1:{b64(rbytes(32))}\n"
    if R.random() < 0.5:
        return read(PROJ + "/go.sum", out)
    return bash("cat go.sum | head", out)


def c_pip_hashes():
    out = "# This file is autogenerated by pip-compile with Python 3.12\n"
    for p in R.sample(["requests", "urllib3", "certifi", "idna", "charset-normalizer", "pyjwt", "cryptography", "boto3"], R.randint(2, 4)):
        out += f"{p}=={R.randint(1, 40)}.{R.randint(0, 20)}.{R.randint(0, 9)} \\\n"
        out += "".join(f"    --hash=sha256:{hexs(64)} \\\n" for _ in range(R.randint(1, 3)))
        out = out[:-3] + "\n"
    if R.random() < 0.5:
        return read(PROJ + "/requirements.txt", out)
    return bash("pip-compile --generate-hashes requirements.in -o - 2>/dev/null", out)


def c_other_locks():
    k = R.randint(0, 3)
    if k == 0:
        out = "# This file is maintained automatically by \"terraform init\".\n\n"
        for p in ["hashicorp/aws", "hashicorp/random"]:
            out += (f'provider "registry.terraform.io/{p}" {{\n  version     = "5.{R.randint(0, 60)}.0"\n  hashes = [\n'
                    + "".join(f'    "h1:{b64(rbytes(32))}",\n' for _ in range(2))
                    + "".join(f'    "zh:{hexs(64)}",\n' for _ in range(3)) + "  ]\n}\n\n")
        return read(PROJ + "/infra/.terraform.lock.hcl", out)
    if k == 1:
        out = "".join(f'[[package]]\nname = "{p}"\nversion = "1.{R.randint(0, 9)}.0"\nfiles = [\n    {{file = "{p}-1.0.0-py3-none-any.whl", hash = "sha256:{hexs(64)}"}},\n]\n\n'
                      for p in R.sample(["attrs", "click", "pydantic", "httpx"], 2))
        return read(PROJ + "/poetry.lock", out)
    if k == 2:
        out = f"version https://git-lfs.github.com/spec/v1\noid sha256:{hexs(64)}\nsize {R.randint(1000, 10**9)}\n"
        return read(PROJ + "/models/encoder.onnx", out)
    out = "".join(f"  /{p}@{R.randint(1, 9)}.{R.randint(0, 9)}.0:\n    resolution: {{integrity: sha512-{b64(rbytes(64))}}}\n"
                  for p in R.sample(["vite", "esbuild", "rollup", "postcss"], 2))
    return read(PROJ + "/pnpm-lock.yaml", "lockfileVersion: '6.0'\n\npackages:\n\n" + out)


def c_uuid():
    k = R.randint(0, 3)
    if k == 0:
        out = "".join(f"{ts()} INFO request_id={uuid4()} method=GET path=/api/orders/{uuid4()} status=200\n" for _ in range(R.randint(3, 8)))
        return bash("kubectl logs deploy/api --tail=8", out)
    if k == 1:
        rows = [{"id": uuid4(), "tenant_id": uuid4(), "email": f"user{R.randint(1, 999)}@example.com", "created_at": ts()} for _ in range(R.randint(2, 5))]
        return mcp("postgres", "query", [json.dumps(rows)], {"sql": "select id, tenant_id, email, created_at from users limit 5"})
    if k == 2:
        out = "".join(f"{uuid4()}\n" for _ in range(R.randint(3, 10)))
        return bash("for i in $(seq 5); do uuidgen; done", out)
    text = json.dumps({"subscriptionId": uuid4(), "tenantId": uuid4(), "name": "Acme Production", "state": "Enabled",
                       "isDefault": True, "user": {"name": "alice@acme.dev", "type": "user"}}, indent=2)
    return bash("az account show", text + "\n")


def c_data_blobs():
    k = R.randint(0, 3)
    png = b64(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rbytes(R.randint(120, 600)))
    if k == 0:
        css = f".logo {{\n  background-image: url(\"data:image/png;base64,{png}\");\n  width: 32px;\n}}\n"
        return read(PROJ + "/src/styles/logo.css", css)
    if k == 1:
        return mcp("playwright", "browser_take_screenshot", [f"Took screenshot. data:image/png;base64,{png}"])
    if k == 2:
        gz = b64(b"\x1f\x8b\x08\x00" + rbytes(R.randint(200, 500)))
        return read(PROJ + "/fixtures/payload.json", json.dumps({"encoding": "gzip+base64", "body": gz}, indent=2))
    woff = b64(b"wOF2" + rbytes(400))
    return read(PROJ + "/src/fonts.css", f"@font-face {{\n  font-family: 'Inter';\n  src: url(data:font/woff2;base64,{woff}) format('woff2');\n}}\n")


def ssh_pub(kind):
    if kind == "ed25519":
        return "ssh-ed25519 " + b64(ssh_string(b"ssh-ed25519") + ssh_string(rbytes(32)))
    if kind == "ecdsa":
        return "ecdsa-sha2-nistp256 " + b64(ssh_string(b"ecdsa-sha2-nistp256") + ssh_string(b"nistp256") + ssh_string(b"\x04" + rbytes(64)))
    return "ssh-rsa " + b64(ssh_string(b"ssh-rsa") + ssh_string(b"\x01\x00\x01") + ssh_string(b"\x00" + rbytes(pick([256, 384, 512]))))


def c_ssh_public():
    k = R.randint(0, 4)
    cm = pick(["alice@devbox", "ci@acme", "bob@laptop.local", "deploy-key-2025"])
    if k == 0:
        return bash("cat ~/.ssh/id_ed25519.pub", ssh_pub(pick(["ed25519", "rsa", "ecdsa"])) + f" {cm}\n")
    if k == 1:
        out = "".join(f"{ssh_pub(pick(['ed25519', 'rsa', 'ecdsa']))} {pick(['alice@devbox', 'ci@acme', 'bob@laptop'])}\n" for _ in range(R.randint(2, 5)))
        return read(HOME + "/.ssh/authorized_keys", out)
    if k == 2:
        out = "".join(f"|1|{b64(rbytes(20))}|{b64(rbytes(20))} {ssh_pub(pick(['ed25519', 'ecdsa', 'rsa']))}\n" for _ in range(R.randint(2, 5)))
        return read(HOME + "/.ssh/known_hosts", out)
    if k == 3:
        out = "".join(f"{pick(['256', '3072', '4096'])} SHA256:{b64(rbytes(32)).rstrip('=')} {cm} ({pick(['ED25519', 'RSA', 'ECDSA'])})\n" for _ in range(R.randint(1, 3)))
        return bash("ssh-add -l", out)
    text = json.dumps([{"id": R.randint(10**6, 10**8), "key": ssh_pub("ed25519"), "title": "laptop", "verified": True,
                        "created_at": ts(), "read_only": True}], indent=2)
    return mcp("github", "list_deploy_keys", [text], {"owner": "acme", "repo": "webapp"})


def c_pem_public():
    k = R.randint(0, 5)
    if k == 0:
        body = pem_body(bytes.fromhex("30820122300d06092a864886f70d01010105000382010f003082010a0282010100") + rbytes(262))
        return read(PROJ + "/keys/jwt-public.pem", "-----BEGIN PUBLIC KEY-----\n" + "\n".join(body) + "\n-----END PUBLIC KEY-----\n")
    if k == 1:
        body = pem_body(bytes.fromhex("3082") + rbytes(R.randint(700, 1300)))
        return bash("cat /etc/ssl/certs/acme-root-ca.pem", "-----BEGIN CERTIFICATE-----\n" + "\n".join(body) + "\n-----END CERTIFICATE-----\n")
    if k == 2:
        chain = ""
        for _ in range(2):
            chain += "-----BEGIN CERTIFICATE-----\n" + "\n".join(pem_body(b"\x30\x82" + rbytes(900))) + "\n-----END CERTIFICATE-----\n"
        out = (f"CONNECTED(00000003)\ndepth=2 C = US, O = Internet Security Research Group, CN = ISRG Root X1\nverify return:1\n---\n"
               f"Certificate chain\n 0 s:CN = api.acme.dev\n   i:C = US, O = Let's Encrypt, CN = R11\n---\nServer certificate\n{chain}---\n"
               "SSL handshake has read 4521 bytes and written 389 bytes\n")
        return bash("openssl s_client -connect api.acme.dev:443 -showcerts </dev/null", out)
    if k == 3:
        body = pem_body(b"\x99\x01\x0d\x04" + rbytes(800))
        return webfetch("https://keys.openpgp.org/vks/v1/by-fingerprint/" + hexs(40).upper(),
                        "The page contains an OpenPGP public key block:\n\n-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n" + "\n".join(body) + "\n=" + b64(rbytes(3)) + "\n-----END PGP PUBLIC KEY BLOCK-----")
    if k == 4:
        body = pem_body(b"\x30\x82\x02\xa0" + rbytes(640))
        return read(PROJ + "/certs/server.csr", "-----BEGIN CERTIFICATE REQUEST-----\n" + "\n".join(body) + "\n-----END CERTIFICATE REQUEST-----\n")
    ca = b64(b"-----BEGIN CERTIFICATE-----\n" + b64(rbytes(600)).encode() + b"\n-----END CERTIFICATE-----\n")
    text = f"apiVersion: v1\ndata:\n  ca.crt: |\n    -----BEGIN CERTIFICATE-----\n" + "".join("    " + l + "\n" for l in pem_body(b"\x30\x82" + rbytes(600))) + \
        "    -----END CERTIFICATE-----\nkind: ConfigMap\nmetadata:\n  name: kube-root-ca.crt\n  namespace: default\n"
    return bash("kubectl get configmap kube-root-ca.crt -o yaml", text)


def c_key_header_only():
    # grep -l / grep without -A shows where keys are, not what they are
    hits = [(pick(["deploy/id_deploy", "certs/server.key", "test/fixtures/expired.key"]), 1,
             pick(["-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN OPENSSH PRIVATE KEY-----", "-----BEGIN PRIVATE KEY-----"]))
            for _ in range(R.randint(1, 3))]
    if R.random() < 0.5:
        return grep("BEGIN .* PRIVATE KEY", hits)
    out = "\n".join(f"{p}" for p, _, _ in hits) + "\n"
    return bash("grep -rl 'PRIVATE KEY' .", out)


VENDOR_PLACEHOLDERS = [
    ("AWS", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    ("AWS", "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nexport AWS_DEFAULT_REGION=us-west-2"),
    ("AWS", "AccessKeyId: AKIAI44QH8DHBEXAMPLE\nSecretAccessKey: je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"),
    ("OpenAI", "export OPENAI_API_KEY=\"sk-...\""),
    ("OpenAI", "client = OpenAI(api_key=\"sk-proj-...\")  # replace with your key"),
    ("OpenAI", "OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    ("GitHub", "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    ("GitHub", "gh auth login --with-token < mytoken.txt  # mytoken.txt holds ghp_XXXXXXXXXXXXXXXXXXXX"),
    ("GitHub", "Authorization: Bearer <YOUR-TOKEN>"),
    ("Anthropic", "export ANTHROPIC_API_KEY='sk-ant-...'"),
    ("Anthropic", "ANTHROPIC_API_KEY=your-api-key-here"),
    ("Slack", "SLACK_BOT_TOKEN=xoxb-your-bot-token\nSLACK_SIGNING_SECRET=your-signing-secret"),
    ("Slack", "curl -X POST -H 'Content-type: application/json' --data '{\"text\":\"Hello\"}' https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"),
    ("Stripe", "STRIPE_SECRET_KEY=sk_live_...\nSTRIPE_PUBLISHABLE_KEY=pk_live_..."),
    ("Stripe", "stripe.api_key = \"sk_live_<your_key>\""),
    ("npm", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}"),
    ("PyPI", "[pypi]\nusername = __token__\npassword = pypi-<your-token>"),
    ("HF", "huggingface-cli login --token $HF_TOKEN\n# or: export HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    ("DB", "DATABASE_URL=postgres://user:password@localhost:5432/mydb"),
    ("DB", "DATABASE_URL=postgresql://${DB_USER}:${DB_PASSWORD}@${DB_HOST}:5432/${DB_NAME}"),
    ("DB", "POSTGRES_PASSWORD=changeme"),
    ("DB", "DB_PASSWORD=<password>\nDB_USER=<username>"),
    ("DB", "MYSQL_ROOT_PASSWORD=***"),
    ("Generic", "API_KEY=YOUR_API_KEY_HERE"),
    ("Generic", "api_key: \"<insert key>\""),
    ("Generic", "token: REPLACE_ME"),
    ("Generic", "SECRET_KEY=change-me-in-production"),
    ("Generic", "password: ********"),
    ("Generic", "Authorization: Basic <base64(username:password)>"),
    ("Generic", "JWT_SECRET=your_jwt_secret"),
    ("Twilio", "TWILIO_ACCOUNT_SID=ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\nTWILIO_AUTH_TOKEN=your_auth_token"),
    ("Google", "GOOGLE_API_KEY=AIza...your-key"),
    ("JWT", "The example token from jwt.io is eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c and is signed with the secret 'your-256-bit-secret'."),
    ("Docker", "echo \"$CR_PAT\" | docker login ghcr.io -u USERNAME --password-stdin"),
    ("K8s", "kubectl create secret generic db-pass --from-literal=password='<your-password>'"),
    ("Telegram", "TELEGRAM_BOT_TOKEN=123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"),
    ("Discord", "DISCORD_TOKEN=your-bot-token-goes-here"),
    ("SendGrid", "SENDGRID_API_KEY=SG.xxxxxxxx.yyyyyyyy"),
    ("Azure", "AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=<account>;AccountKey=<key>;EndpointSuffix=core.windows.net"),
    ("Azure", "UseDevelopmentStorage=true"),
]


def c_placeholders():
    vendor, snippet = pick(VENDOR_PLACEHOLDERS)
    k = R.randint(0, 4)
    if k == 0:
        return read(PROJ + "/" + pick([".env.example", ".env.sample", "config/example.env"]), snippet + "\n")
    if k == 1:
        md = f"## Configuration\n\nCopy `.env.example` to `.env` and fill in your {vendor} credentials:\n\n```sh\n{snippet}\n```\n\nNever commit the real values.\n"
        return read(PROJ + "/README.md", md)
    if k == 2:
        return webfetch(f"https://docs.{vendor.lower()}.example.com/getting-started", f"The quickstart says to set credentials like this:\n\n```\n{snippet}\n```\n\nThen run the sample app.")
    if k == 3:
        return mcp("context7", "get-library-docs", [f"### Authentication\n\n{snippet}\n\nKeys can be created in the dashboard."], {"libraryID": "/" + vendor.lower() + "/docs"})
    line = snippet.split("\n")[0]
    return grep(line.split("=")[0][:12] or "KEY", [(pick(["docs/setup.md", ".env.example", "README.md"]), R.randint(3, 90), line)])


def c_masked():
    k = R.randint(0, 6)
    if k == 0:
        out = ("      Name                    Value             Type    Location\n      ----                    -----             ----    --------\n"
               "   profile                <not set>             None    None\n"
               f"access_key     ****************{rs(4, UPPER + DIGITS)} shared-credentials-file\n"
               f"secret_key     ****************{rs(4, ALNUM)} shared-credentials-file\n    region                eu-west-1      config-file    ~/.aws/config\n")
        return bash("aws configure list", out)
    if k == 1:
        out = ("github.com\n  ✓ Logged in to github.com account alice (keyring)\n  - Active account: true\n"
               "  - Git operations protocol: https\n  - Token: gho_************************************\n"
               "  - Token scopes: 'gist', 'read:org', 'repo', 'workflow'\n")
        return bash("gh auth status", "", out)
    if k == 2:
        out = (f"2025-03-01T10:00:0{R.randint(0, 9)}.1234567Z env:\n2025-03-01T10:00:01.1234567Z   GITHUB_TOKEN: ***\n"
               "2025-03-01T10:00:01.1234567Z   NPM_TOKEN: ***\n2025-03-01T10:00:02.0000000Z Run npm publish\n"
               "2025-03-01T10:00:09.0000000Z + webapp@2.3.0\n")
        return mcp("github", "get_job_logs", [out], {"owner": "acme", "repo": "webapp", "job_id": R.randint(10**9, 10**10)})
    if k == 3:
        out = (f"Name:         db-credentials\nNamespace:    prod\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\n"
               f"password:  {R.randint(12, 40)} bytes\nusername:  {R.randint(4, 10)} bytes\n")
        return bash("kubectl describe secret db-credentials -n prod", out)
    if k == 4:
        out = ("NAME                  TYPE                                  DATA   AGE\n"
               f"db-credentials        Opaque                                2      {R.randint(2, 90)}d\n"
               f"webapp-tls            kubernetes.io/tls                     2      {R.randint(2, 90)}d\n"
               f"regcred               kubernetes.io/dockerconfigjson        1      {R.randint(2, 400)}d\n")
        return bash("kubectl get secrets -n prod", out)
    if k == 5:
        out = f"Key                Value\n---                -----\ntoken              hvs.{'*' * 24}\ntoken_duration     768h\ntoken_renewable    true\ntoken_policies     [\"default\"]\n"
        return bash("vault login -method=oidc 2>&1 | sed 's/hvs\\.[A-Za-z0-9]*/hvs.************************/'", out)
    out = "DB_PASSWORD=[REDACTED]\nAPI_KEY=<redacted>\nSTRIPE_SECRET_KEY=sk_live_••••••••••••••••\nLOG_LEVEL=info\n"
    return bash("./scripts/print-config.sh --masked", out)


def c_env_refs():
    snippets = [
        ('py', 'import os\n\nDB_PASSWORD = os.environ["DB_PASSWORD"]\nAPI_KEY = os.getenv("API_KEY", "")\nSECRET_KEY = os.environ.get("SECRET_KEY")\n'),
        ('js', 'const password = process.env.DB_PASSWORD;\nconst token = process.env.GITHUB_TOKEN ?? "";\nif (!token) throw new Error("GITHUB_TOKEN is not set");\n'),
        ('yml', 'env:\n  GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\nsteps:\n  - run: npm publish\n'),
        ('yml', 'env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db-credentials\n        key: password\n'),
        ('tf', 'variable "db_password" {\n  type      = string\n  sensitive = true\n}\n\nresource "aws_db_instance" "main" {\n  password = var.db_password\n}\n'),
        ('go', 'token := os.Getenv("SLACK_BOT_TOKEN")\nif token == "" {\n\tlog.Fatal("SLACK_BOT_TOKEN missing")\n}\n'),
        ('rb', 'Rails.application.credentials.dig(:aws, :secret_access_key)\nENV.fetch("SECRET_KEY_BASE")\n'),
        ('sh', 'export VAULT_TOKEN="$(vault login -token-only -method=oidc)"\nPGPASSWORD="$(cat /run/secrets/db_password)" psql -h db -U app\n'),
        ('yml', 'spring:\n  datasource:\n    password: ${DB_PASSWORD:}\n    username: ${DB_USER:app}\n'),
        ('yml', 'db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  ' + hexs(64) + '\n  ' + hexs(64) + '\n  ' + hexs(30) + '\n'),
        ('java', '@Value("${jwt.secret}")\nprivate String jwtSecret;\n'),
        ('cs', 'var conn = builder.Configuration.GetConnectionString("Default");\nvar key = Environment.GetEnvironmentVariable("STRIPE_SECRET_KEY");\n'),
        ('py', 'password = getpass.getpass("Password: ")\ntoken = keyring.get_password("acme", "api-token")\n'),
        ('yml', 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\n'),
        ('php', "'password' => env('DB_PASSWORD', ''),\n'key' => env('APP_KEY'),\n"),
        ('py', 'client = boto3.client("secretsmanager")\nsecret = client.get_secret_value(SecretId="prod/db")["SecretString"]\n'),
        ('ts', 'export const config = {\n  apiKey: import.meta.env.VITE_API_KEY,\n  password: undefined as string | undefined,\n};\n'),
    ]
    ext, s = pick(snippets)
    r = R.random()
    if r < 0.5:
        return read(PROJ + f"/src/config.{ext}", s)
    if r < 0.75:
        return mcp("github", "get_file_contents", [s], {"owner": "acme", "repo": "webapp", "path": f"src/config.{ext}"})
    line = [l for l in s.split("\n") if l.strip()][R.randint(0, 1)]
    return grep("password|token|secret", [(f"src/config.{ext}", R.randint(1, 50), line)])


I18N = {"en": {"password": "Password", "forgotPassword": "Forgot your password?", "newPassword": "New password",
               "tokenExpired": "Your session token has expired. Please sign in again.", "apiKey": "API key",
               "secret": "Secret", "confirmPassword": "Confirm password", "passwordTooShort": "Password must be at least {{min}} characters",
               "showToken": "Show token", "copyKey": "Copy key to clipboard"},
        "de": {"password": "Passwort", "forgotPassword": "Passwort vergessen?", "tokenExpired": "Ihre Sitzung ist abgelaufen.",
               "apiKey": "API-Schlüssel", "confirmPassword": "Passwort bestätigen"},
        "fr": {"password": "Mot de passe", "forgotPassword": "Mot de passe oublié ?", "apiKey": "Clé d'API",
               "tokenExpired": "Votre jeton de session a expiré."},
        "ja": {"password": "パスワード", "forgotPassword": "パスワードをお忘れですか？", "apiKey": "APIキー"},
        "es": {"password": "Contraseña", "forgotPassword": "¿Olvidaste tu contraseña?", "secret": "Secreto"}}


def c_i18n():
    lang = pick(list(I18N))
    d = dict(R.sample(sorted(I18N[lang].items()), R.randint(2, len(I18N[lang]))))
    k = R.randint(0, 3)
    if k == 0:
        return read(PROJ + f"/public/locales/{lang}/auth.json", json.dumps({"auth": d}, indent=2, ensure_ascii=False))
    if k == 1:
        return read(PROJ + f"/config/locales/{lang}.yml", f"{lang}:\n  auth:\n" + "".join(f"    {k2}: \"{v}\"\n" for k2, v in d.items()))
    if k == 2:
        return read(PROJ + f"/src/main/resources/messages_{lang}.properties", "".join(f"auth.{k2}={v}\n" for k2, v in d.items()))
    return grep("password", [(f"public/locales/{lang}/auth.json", i + 3, f'    "{k2}": "{v}",') for i, (k2, v) in enumerate(d.items())])


def c_test_logs():
    k = R.randint(0, 5)
    if k == 0:
        out = (f"============================= test session starts ==============================\nplatform linux -- Python 3.12.2, pytest-8.1.1\n"
               f"collected {R.randint(20, 400)} items\n\ntests/test_auth.py ........{'.' * R.randint(0, 20)}\ntests/test_tokens.py ......\n"
               f"tests/test_password_reset.py ....\n\n========================= {R.randint(20, 400)} passed in {R.randint(1, 90)}.{R.randint(10, 99)}s =========================\n")
        return bash("pytest -q", out)
    if k == 1:
        out = f"ok  \tgithub.com/acme/webapp/internal/auth\t0.{R.randint(10, 999)}s\nok  \tgithub.com/acme/webapp/internal/token\t0.0{R.randint(10, 99)}s\n--- PASS: TestPasswordHashing (0.{R.randint(10, 99)}s)\nPASS\n"
        return bash("go test ./...", out)
    if k == 2:
        out = (f"{ts()} INFO llm call model=claude-sonnet-4 max_tokens=1024 temperature=0.2\n"
               f"{ts()} INFO usage input_tokens={R.randint(100, 9000)} output_tokens={R.randint(10, 1024)} cache_read_input_tokens={R.randint(0, 5000)}\n"
               f"{ts()} INFO tokens: {R.randint(100, 4000)} cost=$0.0{R.randint(10, 99)}\n")
        return bash("python eval.py --n 1", out)
    if k == 3:
        text = json.dumps({"id": "chatcmpl-" + rs(29), "object": "chat.completion", "model": "gpt-4o-mini",
                           "usage": {"prompt_tokens": R.randint(10, 900), "completion_tokens": R.randint(5, 300), "total_tokens": R.randint(900, 1300)},
                           "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "The password field is validated on submit."}}]}, indent=2)
        return bash("curl -s https://api.openai.com/v1/chat/completions -H \"Authorization: Bearer $OPENAI_API_KEY\" -d @req.json", text + "\n")
    if k == 4:
        out = (f" PASS  src/auth/token.test.ts\n  ✓ rejects expired token ({R.randint(1, 30)} ms)\n  ✓ accepts refresh token ({R.randint(1, 30)} ms)\n"
               f" PASS  src/auth/password.test.ts\n\nTest Suites: 2 passed, 2 total\nTests:       {R.randint(5, 60)} passed, {R.randint(5, 60)} total\nTime:        {R.randint(1, 9)}.{R.randint(100, 999)} s\n")
        return bash("npx jest src/auth", "", out)
    out = f"passed={R.randint(1, 500)} failed=0 skipped={R.randint(0, 9)} duration={R.randint(1, 600)}s seed={R.randint(1, 2**31)}\n"
    return bash("./run-tests.sh --summary", out)


def c_compiler():
    k = R.randint(0, 4)
    if k == 0:
        out = (f"src/auth.c: In function 'check_password':\nsrc/auth.c:{R.randint(10, 400)}:{R.randint(1, 40)}: warning: unused variable 'secret_len' [-Wunused-variable]\n"
               f"  {R.randint(10, 400)} |     size_t secret_len = strlen(token);\n      |            ^~~~~~~~~~\n")
        return bash("make", "cc -O2 -Wall -c src/auth.c -o build/auth.o\n", out)
    if k == 1:
        out = (f"error[E0308]: mismatched types\n  --> src/token.rs:{R.randint(1, 300)}:{R.randint(1, 40)}\n   |\n"
               "42 |     let key: &[u8] = api_key;\n   |              -----   ^^^^^^^ expected `&[u8]`, found `String`\n\n"
               f"error: could not compile `webapp` (bin \"webapp\") due to 1 previous error\n")
        return bash("cargo build", "", out)
    if k == 2:
        out = f"build/ccx: ELF 64-bit LSB pie executable, x86-64, version 1 (SYSV), dynamically linked, BuildID[sha1]={hexs(40)}, for GNU/Linux 3.2.0, not stripped\n"
        return bash("file build/ccx", out)
    if k == 3:
        syms = "".join(f"{hexs(16)} T _ZN{R.randint(3, 9)}webapp{R.randint(4, 12)}TokenParser{R.randint(3, 9)}parseEv\n" for _ in range(3))
        return bash("nm -C build/webapp | grep -i token | head", syms)
    out = (f"vite v5.1.4 building for production...\n✓ {R.randint(100, 2000)} modules transformed.\n"
           f"dist/index.html                   0.{R.randint(40, 99)} kB\ndist/assets/index-{rs(8, ALNUM + '_-')}.css   {R.randint(5, 90)}.{R.randint(10, 99)} kB\n"
           f"dist/assets/index-{rs(8, ALNUM + '_-')}.js   {R.randint(100, 900)}.{R.randint(10, 99)} kB │ gzip: {R.randint(30, 300)}.{R.randint(10, 99)} kB\n✓ built in {R.randint(1, 30)}.{R.randint(10, 99)}s\n")
    return bash("npm run build", out)


def c_minified():
    ids = [rs(R.randint(1, 3), LOWER) for _ in range(12)]
    js = "!function(){" + "".join(f"var {a}=function({b},{c}){{return {b}.{pick(['token', 'key', 'secret', 'hash'])}||{c}[{R.randint(0, 99)}]}};" for a, b, c in zip(ids[0::3], ids[1::3], ids[2::3]))
    js += f"window.__BUILD__=\"{hexs(20)}\";var n=\"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/\".split(\"\");" + "}();\n"
    js += f"//# sourceMappingURL=main.{hexs(8)}.js.map\n"
    k = R.randint(0, 2)
    if k == 0:
        return read(PROJ + f"/dist/assets/main.{hexs(8)}.js", js)
    if k == 1:
        m = json.dumps({"version": 3, "file": "main.js", "sources": ["src/index.ts"], "names": ["token", "key"],
                        "mappings": ";".join(",".join(rs(R.randint(4, 8), B64) for _ in range(R.randint(3, 10))) for _ in range(6))})
        return read(PROJ + "/dist/main.js.map", m)
    css = "".join(f".css-{rs(7, LOWER + DIGITS)}{{display:flex;color:#{hexs(6)}}}.sc-{rs(6, ALNUM)}{{margin:0}}" for _ in range(R.randint(3, 8)))
    return read(PROJ + f"/dist/assets/index-{rs(8, ALNUM)}.css", css + "\n")


def c_docker():
    k = R.randint(0, 4)
    if k == 0:
        out = "REPOSITORY          TAG       DIGEST                                                                    IMAGE ID       CREATED        SIZE\n"
        for _ in range(R.randint(2, 5)):
            out += f"{pick(['node', 'postgres', 'acme/api', 'redis', 'nginx']):<19} {pick(['20-alpine', '16', 'latest', '7', '1.25']):<9} sha256:{hexs(64)}   {hexs(12)}   {R.randint(2, 9)} days ago     {R.randint(40, 900)}MB\n"
        return bash("docker images --digests", out)
    if k == 1:
        out = (f"20-alpine: Pulling from library/node\n{hexs(12)}: Pull complete\n{hexs(12)}: Pull complete\n"
               f"Digest: sha256:{hexs(64)}\nStatus: Downloaded newer image for node:20-alpine\ndocker.io/library/node:20-alpine\n")
        return bash("docker pull node:20-alpine", out)
    if k == 2:
        out = "CONTAINER ID   IMAGE          COMMAND                  STATUS         PORTS                    NAMES\n"
        out += "".join(f"{hexs(12)}   {pick(['acme/api:1.4', 'postgres:16', 'redis:7'])}   \"docker-entrypoint.s…\"   Up {R.randint(1, 9)} hours    0.0.0.0:{R.randint(3000, 9000)}->80/tcp   webapp-{pick(['api', 'db', 'cache'])}-1\n" for _ in range(3))
        return bash("docker ps", out)
    if k == 3:
        cid = hexs(64)
        doc = [{"Id": cid, "Image": "sha256:" + hexs(64), "Name": "/webapp-api-1",
                "Config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "NODE_VERSION=20.11.1",
                                   "YARN_VERSION=1.22.19", "NODE_ENV=production", "DB_PASSWORD_FILE=/run/secrets/db_password"],
                           "Image": "acme/api@sha256:" + hexs(64), "WorkingDir": "/app"},
                "GraphDriver": {"Data": {"MergedDir": f"/var/lib/docker/overlay2/{hexs(64)}/merged"}, "Name": "overlay2"}}]
        return bash("docker inspect webapp-api-1", json.dumps(doc, indent=4) + "\n")
    text = f"FROM node:20-alpine@sha256:{hexs(64)} AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\nFROM nginx:1.25@sha256:{hexs(64)}\nCOPY --from=build /app/dist /usr/share/nginx/html\n"
    return read(PROJ + "/Dockerfile", text)


def c_k8s_yaml():
    k = R.randint(0, 3)
    if k == 0:
        text = (f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: prod\n  uid: {uuid4()}\n"
                f"  resourceVersion: \"{R.randint(10000, 9999999)}\"\nspec:\n  replicas: 3\n  template:\n    metadata:\n"
                f"      annotations:\n        checksum/config: {hexs(64)}\n    spec:\n      containers:\n      - name: api\n"
                f"        image: ghcr.io/acme/api@sha256:{hexs(64)}\n        env:\n        - name: DB_PASSWORD\n          valueFrom:\n"
                f"            secretKeyRef:\n              name: db-credentials\n              key: password\n")
        return bash("kubectl get deploy api -n prod -o yaml", text)
    if k == 1:
        text = (f"apiVersion: v1\ndata:\n  LOG_LEVEL: info\n  FEATURE_FLAGS: new-checkout\n  PASSWORD_MIN_LENGTH: \"12\"\n"
                f"  TOKEN_TTL_SECONDS: \"3600\"\nkind: ConfigMap\nmetadata:\n  name: api-config\n  uid: {uuid4()}\n")
        return bash("kubectl get cm api-config -o yaml", text)
    if k == 2:
        out = "NAME                   READY   STATUS    RESTARTS   AGE\n" + "".join(
            f"api-{hexs(10)}-{rs(5, LOWER + DIGITS)}   1/1     Running   0          {R.randint(1, 50)}h\n" for _ in range(R.randint(2, 6)))
        return mcp("kubernetes", "pods_list", [out], {"namespace": "prod"})
    text = (f"apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: deployer\n  namespace: ci\n  uid: {uuid4()}\n"
            "  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/ci-deployer\nsecrets:\n- name: deployer-token-" + rs(5, LOWER + DIGITS) + "\n")
    return bash("kubectl get sa deployer -n ci -o yaml", text)


def c_aws_ids():
    k = R.randint(0, 4)
    if k == 0:
        doc = {"UserId": "AIDA" + rs(17, B32), "Account": "123456789012", "Arn": "arn:aws:iam::123456789012:user/alice"}
        if R.random() < 0.5:
            doc = {"UserId": "AROA" + rs(17, B32) + ":alice", "Account": "123456789012",
                   "Arn": "arn:aws:sts::123456789012:assumed-role/Admin/alice"}
        return bash("aws sts get-caller-identity", json.dumps(doc, indent=4) + "\n")
    if k == 1:
        rs_ = [{"InstanceId": "i-0" + hexs(16), "ImageId": "ami-0" + hexs(16), "VpcId": "vpc-0" + hexs(16),
                "SubnetId": "subnet-0" + hexs(16), "SecurityGroups": [{"GroupId": "sg-0" + hexs(16), "GroupName": "web"}],
                "State": {"Name": "running"}} for _ in range(R.randint(1, 3))]
        return bash("aws ec2 describe-instances --query 'Reservations[].Instances[]'", json.dumps(rs_, indent=4) + "\n")
    if k == 2:
        doc = {"Roles": [{"RoleName": "ci-deployer", "RoleId": "AROA" + rs(17, B32), "Arn": "arn:aws:iam::123456789012:role/ci-deployer",
                          "CreateDate": ts()}], "Policies": [{"PolicyName": "ReadOnly", "PolicyId": "ANPA" + rs(17, B32)}]}
        return mcp("aws", "call_aws", [json.dumps(doc)], {"cli_command": "aws iam list-roles"})
    if k == 3:
        out = f"arn:aws:lambda:eu-west-1:123456789012:function:webapp-{pick(['api', 'worker'])}\narn:aws:kms:eu-west-1:123456789012:key/{uuid4()}\narn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-{rs(6)}\n"
        return bash("terraform state list -id | grep arn", out)
    doc = {"ETag": "\"" + hexs(32) + "\"", "VersionId": rs(32, ALNUM + "._"), "ServerSideEncryption": "aws:kms",
           "SSEKMSKeyId": "arn:aws:kms:eu-west-1:123456789012:key/" + uuid4()}
    hdrs = f"x-amz-request-id: {rs(16, UPPER + DIGITS)}\nx-amz-id-2: {b64(rbytes(54))}\n"
    return bash("aws s3api put-object --bucket acme-uploads --key a.txt --body a.txt --debug 2>&1 | tail -3", json.dumps(doc, indent=4) + "\n" + hdrs)


def c_crypto_addrs():
    k = R.randint(0, 2)
    if k == 0:
        doc = {"blockHash": "0x" + hexs(64), "blockNumber": hex(R.randint(10**6, 2 * 10**7)), "from": "0x" + hexs(40),
               "to": "0x" + hexs(40), "transactionHash": "0x" + hexs(64), "gasUsed": hex(R.randint(21000, 900000)), "status": "0x1"}
        return bash("cast receipt --json 0x" + hexs(64), json.dumps(doc, indent=2) + "\n")
    if k == 1:
        src = f"// SPDX-License-Identifier: MIT\npragma solidity ^0.8.24;\n\naddress constant USDC = 0x{hexs(40)};\naddress constant ROUTER = 0x{hexs(40)};\nbytes32 constant ROLE = 0x{hexs(64)};\n"
        return read(PROJ + "/contracts/Constants.sol", src)
    return webfetch("https://etherscan.io/address/0x" + hexs(40), f"The contract at 0x{hexs(40)} is a verified ERC-20 token. Recent transfer tx 0x{hexs(64)}. Wallet bc1q{rs(38, 'qpzry9x8gf2tvdw0s3jn54khce6mua7l')} is the treasury.")


def c_jwt_prose():
    k = R.randint(0, 3)
    hdr = b64u(json.dumps({"alg": "RS256", "typ": "JWT"}, separators=(",", ":")).encode())
    if k == 0:
        text = ("A JWT has three base64url parts separated by dots. Because every header is a JSON object, encoded tokens "
                f"always start with `eyJ` (the encoding of `{{\"`). For example the header `{{\"alg\":\"RS256\",\"typ\":\"JWT\"}}` encodes to `{hdr}`.")
        return webfetch("https://auth0.com/docs/secure/tokens/json-web-tokens", text)
    if k == 1:
        src = "function isJwt(s) {\n  return /^eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$/.test(s);\n}\n"
        return read(PROJ + "/src/auth/isJwt.js", src)
    if k == 2:
        out = f"decoded header: {{\"alg\":\"RS256\",\"kid\":\"{hexs(40)}\",\"typ\":\"JWT\"}}\ndecoded claims: {{\"sub\":\"1842\",\"exp\":{R.randint(1_700_000_000, 1_800_000_000)}}}\nsignature: valid (key {hexs(16)})\n"
        return bash("./bin/jwt-inspect --no-token token.txt", out)
    text = json.dumps({"keys": [{"kty": "RSA", "use": "sig", "kid": hexs(40), "alg": "RS256", "e": "AQAB",
                                 "n": b64u(rbytes(256))}]}, indent=2)
    return webfetch("https://login.acme.dev/.well-known/jwks.json", "The JWKS lists one public signing key:\n" + text)


def c_filenames():
    k = R.randint(0, 4)
    if k == 0:
        out = "".join(f"{hexs(2)}/{hexs(38)}\n" for _ in range(R.randint(3, 10)))
        return bash("find .git/objects -type f | cut -d/ -f3- | head", out)
    if k == 1:
        out = "".join(f"/nix/store/{rs(32, '0123456789abcdfghijklmnpqrsvwxyz')}-{pick(['openssl-3.0.13', 'python3-3.12.2', 'glibc-2.39', 'curl-8.6.0'])}\n" for _ in range(R.randint(3, 8)))
        return bash("nix-store -qR $(which curl) | head", out)
    if k == 2:
        out = "".join(f"{pick(['-rw-r--r--', '-rw-------'])} 1 alice alice {R.randint(100, 90000):>6} Mar  {R.randint(1, 28)} 10:{R.randint(10, 59)} {pick(['main', 'vendor', 'chunk'])}.{hexs(8)}.js\n" for _ in range(R.randint(3, 9)))
        return bash("ls -l dist/assets", out)
    if k == 3:
        out = "".join(f"2025-03-{R.randint(10, 28)} 10:{R.randint(10, 59)}:00   {R.randint(1000, 10**7):>9} uploads/{uuid4()}/{b64u(rbytes(12))}.jpg\n" for _ in range(R.randint(3, 8)))
        return mcp("aws", "s3_list_objects", [out], {"bucket": "acme-uploads"})
    out = "".join(f"  {hexs(40)}.pack\n  {hexs(40)}.idx\n" for _ in range(R.randint(1, 3)))
    return bash("ls .git/objects/pack", out)


def c_pwd_docs():
    k = R.randint(0, 5)
    if k == 0:
        text = ("## Resetting your password\n\n1. Click **Forgot password?** on the login page.\n2. Enter the email address you signed up with.\n"
                "3. Follow the link; it is valid for 30 minutes.\n\npassword:\n  minLength: 12\n  requireSymbol: true\n")
        return read(PROJ + "/docs/account.md", text)
    if k == 1:
        return bash("sudo -k; sudo true", "", "[sudo] password for alice: \nSorry, try again.\n")
    if k == 2:
        out = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nalice:x:1000:1000:Alice,,,:/home/alice:/bin/bash\npostgres:x:114:120:PostgreSQL administrator,,,:/var/lib/postgresql:/bin/bash\n"
        return bash("cat /etc/passwd | head -4", out)
    if k == 3:
        text = "| Option | Description |\n|---|---|\n| `--password` | The password to use (prompted for when omitted) |\n| `--token` | An API token; see `acme auth token --help` |\n| `--api-key` | Deprecated alias of `--token` |\n"
        return mcp("context7", "get-library-docs", [text])
    if k == 4:
        text = "password:\nusername:\nhost: localhost\nport: 5432\n"
        return read(PROJ + "/config/database.yml.example", text)
    text = json.dumps({"password": None, "token": "", "apiKey": None, "secret": False, "passwordPolicy": {"minLength": 12}}, indent=2)
    return bash("node -e 'console.log(JSON.stringify(require(\"./config/defaults\"), null, 2))'", text + "\n")


def c_security_articles():
    texts = [
        "GitHub personal access tokens (classic) start with `ghp_` followed by 36 alphanumeric characters; fine-grained tokens start with `github_pat_`. OAuth tokens use `gho_`, and GitHub App tokens `ghs_` and `ghu_`.",
        "AWS access key IDs begin with `AKIA` (long-term) or `ASIA` (temporary) and are 20 characters long. Secret access keys are 40 characters of base64. AWS documentation uses AKIAIOSFODNN7EXAMPLE.",
        "Slack tokens are prefixed: `xoxb-` for bot tokens, `xoxp-` for user tokens, `xapp-` for app-level tokens. A leaked token should be revoked at api.slack.com/apps.",
        "Stripe secret keys start with `sk_live_` and restricted keys with `rk_live_`; publishable keys (`pk_live_`) are safe to expose in client code.",
        "To detect OpenAI keys, gitleaks uses the pattern `sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20}`; project keys look like `sk-proj-...`.",
        "A PEM private key starts with a line such as `-----BEGIN RSA PRIVATE KEY-----` or `-----BEGIN OPENSSH PRIVATE KEY-----`. Never paste one into a ticket.",
        "Anthropic API keys look like `sk-ant-api03-...`. Set them with `export ANTHROPIC_API_KEY=...` rather than in code.",
        "Google API keys begin with `AIza` and are 39 characters long; restrict them by HTTP referrer or IP.",
    ]
    t = pick(texts)
    k = R.randint(0, 3)
    if k == 0:
        return webfetch("https://blog.example.com/secret-scanning-101", t)
    if k == 1:
        rules = ('[[rules]]\nid = "github-pat"\ndescription = "GitHub Personal Access Token"\nregex = \'\'\'ghp_[0-9a-zA-Z]{36}\'\'\'\n\n'
                 '[[rules]]\nid = "aws-access-token"\nregex = \'\'\'(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\'\'\'\n'
                 '[[rules]]\nid = "slack-webhook-url"\nregex = \'\'\'https://hooks.slack.com/(services|workflows)/[A-Za-z0-9+/]{43,46}\'\'\'\n')
        return read(PROJ + "/.gitleaks.toml", rules)
    if k == 2:
        return mcp("brave-search", "brave_web_search", [t + "\n\nSource: security.example.org"], {"query": "token format"})
    return read(PROJ + "/docs/security.md", "# Secret handling\n\n" + t + "\n")


def c_public_ids():
    k = R.randint(0, 6)
    if k == 0:
        doc = {"id": "cus_" + rs(14), "object": "customer", "default_source": "card_" + rs(24),
               "invoice_settings": {"default_payment_method": "pm_" + rs(24)}, "livemode": True}
        return mcp("stripe", "retrieve_customer", [json.dumps(doc)])
    if k == 1:
        text = f"<script src=\"https://js.stripe.com/v3\"></script>\n<script>const stripe = Stripe('pk_live_{rs(24)}');</script>\n"
        return read(PROJ + "/public/checkout.html", text)
    if k == 2:
        doc = {"login": "alice", "id": R.randint(10**5, 10**8), "node_id": "U_kgDO" + rs(8, ALNUM), "avatar_url": f"https://avatars.githubusercontent.com/u/{R.randint(10**5, 10**8)}?v=4",
               "gravatar_id": "", "type": "User"}
        return mcp("github", "get_me", [json.dumps(doc, indent=2)])
    if k == 3:
        doc = {"ok": True, "channels": [{"id": "C0" + rs(9, UPPER + DIGITS), "name": "deploys"}, {"id": "C0" + rs(9, UPPER + DIGITS), "name": "general"}],
               "team_id": "T0" + rs(9, UPPER + DIGITS), "user_id": "U0" + rs(9, UPPER + DIGITS)}
        return mcp("slack", "slack_list_channels", [json.dumps(doc)])
    if k == 4:
        text = f"traceparent: 00-{hexs(32)}-{hexs(16)}-01\nx-request-id: {uuid4()}\netag: W/\"{hexs(40)}\"\ncf-ray: {hexs(16)}-AMS\nx-sentry-event: {hexs(32)}\n"
        return bash("curl -sI https://api.acme.dev/healthz | grep -iE 'trace|request|etag|ray|sentry'", text)
    if k == 5:
        html = f'<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/css/bootstrap.min.css" integrity="sha384-{b64(rbytes(48))}" crossorigin="anonymous">\n'
        return read(PROJ + "/public/index.html", html)
    text = f"ipfs://{'bafybei' + rs(52, 'abcdefghijklmnopqrstuvwxyz234567')}\nQm{rs(44, '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz')}\n"
    return bash("ipfs add -q --cid-version 1 build.tar && ipfs ls", text)


def c_urls_clean():
    urls = [
        "postgres://db.internal:5432/webapp", "postgres://webapp@db.internal:5432/webapp?sslmode=require",
        "git@github.com:acme/webapp.git", "ssh://git@gitlab.acme.dev:2222/acme/webapp.git",
        "https://github.com/acme/webapp/pull/412?notification_referrer_id=NT_kwDOAAx" ,
        "https://www.google.com/search?q=token+expired&sourceid=chrome", "https://example.com/reset?step=2&lang=en",
        "https://api.github.com/repos/acme/webapp/commits?sha=" + hexs(40) + "&per_page=100",
        "https://cdn.example.com/app.js?v=" + hexs(8), "redis://localhost:6379/0", "mongodb://localhost:27017/test",
        "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=" + uuid4() + "&response_type=code&scope=openid",
        "https://accounts.google.com/o/oauth2/v2/auth?client_id=" + rs(12, DIGITS) + "-" + rs(32, LOWER + DIGITS) + ".apps.googleusercontent.com&redirect_uri=http%3A%2F%2Flocalhost%3A8080&response_type=code&state=" + rs(16),
        "https://user@bitbucket.org/acme/webapp.git",
    ]
    sample = R.sample(urls, R.randint(2, 5))
    k = R.randint(0, 2)
    if k == 0:
        return bash("grep -rhoE '(https?|postgres|redis|mongodb|ssh)://[^ \"]+' docs | sort -u", "\n".join(sample) + "\n")
    if k == 1:
        return read(PROJ + "/docs/links.md", "".join(f"- <{u}>\n" for u in sample))
    return bash("git remote -v", f"origin\tgit@github.com:acme/webapp.git (fetch)\norigin\tgit@github.com:acme/webapp.git (push)\n")


def c_encrypted_data():
    k = R.randint(0, 2)
    if k == 0:
        # SOPS-encrypted file: ciphertext only, key elsewhere
        text = (f"db_password: ENC[AES256_GCM,data:{b64(rbytes(18))},iv:{b64(rbytes(32))},tag:{b64(rbytes(16))},type:str]\n"
                f"sops:\n    age:\n        - recipient: age1{rs(58, 'qpzry9x8gf2tvdw0s3jn54khce6mua7l')}\n          enc: |\n"
                f"            -----BEGIN AGE ENCRYPTED FILE-----\n            {b64(rbytes(48))}\n            -----END AGE ENCRYPTED FILE-----\n"
                f"    lastmodified: \"{ts()[:19]}Z\"\n    mac: ENC[AES256_GCM,data:{b64(rbytes(32))},iv:{b64(rbytes(32))},tag:{b64(rbytes(16))},type:str]\n")
        return read(PROJ + "/secrets/prod.enc.yaml", text)
    if k == 1:
        text = f"apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db-credentials\nspec:\n  encryptedData:\n    password: Ag{b64(rbytes(300))}\n"
        return read(PROJ + "/k8s/sealed-db.yaml", text)
    return bash("git-crypt status | head -3", "    encrypted: secrets/prod.env\nnot encrypted: README.md\nnot encrypted: src/index.ts\n")


CLEAN = [
    ("git-log", c_git_log, 40), ("git-oneline", c_git_oneline, 30), ("git-misc", c_git_misc, 40),
    ("checksums", c_shasums, 50), ("npm-lock", c_npm_lock, 35), ("yarn-lock", c_yarn_lock, 20),
    ("cargo-lock", c_cargo_lock, 15), ("go-sum", c_go_sum, 25), ("pip-hashes", c_pip_hashes, 25),
    ("other-locks", c_other_locks, 30), ("uuid", c_uuid, 40), ("data-blob", c_data_blobs, 40),
    ("ssh-public-key", c_ssh_public, 50), ("pem-public", c_pem_public, 50), ("key-header-only", c_key_header_only, 15),
    ("vendor-placeholder", c_placeholders, 120), ("masked", c_masked, 50), ("env-reference", c_env_refs, 70),
    ("i18n", c_i18n, 35), ("test-log", c_test_logs, 45), ("compiler", c_compiler, 35), ("minified", c_minified, 30),
    ("docker", c_docker, 45), ("k8s-yaml", c_k8s_yaml, 35), ("aws-ids", c_aws_ids, 45), ("crypto-address", c_crypto_addrs, 20),
    ("jwt-prose", c_jwt_prose, 25), ("filenames", c_filenames, 30), ("password-docs", c_pwd_docs, 35),
    ("security-article", c_security_articles, 30), ("public-ids", c_public_ids, 40), ("url-clean", c_urls_clean, 25),
    ("encrypted", c_encrypted_data, 15),
]


# --------------------------------------------------------------------------

def strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, list):
        for x in v:
            yield from strings(x)
    elif isinstance(v, dict):
        for k, x in v.items():
            yield k
            yield from strings(x)


def check(rec):
    text = "\0".join(strings(rec["response"]))
    for s in rec["secrets"]:
        assert s and s in text, (rec["id"], "secret not in response", s[:40])
        assert len(s) >= 8, (rec["id"], "secret too short to test", s)
    for k in rec["keep"]:
        assert k in text, (rec["id"], "keep not in response", k)
        for s in rec["secrets"]:
            assert s not in k and k not in s, (rec["id"], "keep overlaps a secret", k)


def main():
    out_dir = os.path.dirname(os.path.abspath(__file__))
    secrets = []

    def add(kind, shape, tool, inp, resp, sec, keep):
        rec = {"id": f"s{len(secrets) + 1:04d}-{kind}", "tool": tool, "kind": kind, "shape": shape, "input": inp,
               "response": resp, "secrets": sec, "keep": keep}
        check(rec)
        secrets.append(rec)

    # marker tokens and context-only secrets through the generic shapes
    for kind, (gen, vars_, svc) in TOKENS.items():
        n = 6
        if kind in ("github-token", "openai-key", "anthropic-key", "aws-secret-access-key", "jwt", "generic-api-key",
                    "app-secret", "dotenv-password", "slack-bot-token", "stripe-secret-key"):
            n = 10
        if kind in ("aws-access-key-id",):
            n = 4
        pool = [f for f in GENERIC_SHAPES if not (kind in NOT_BEARER and f in (shape_curl, shape_stacktrace))]
        shapes = R.sample(pool, n) if n <= len(pool) else pool + R.sample(pool, n - len(pool))
        for sh in shapes:
            s = gen()
            tool, inp, resp, sec, keep = sh(kind, pick(vars_), s)
            add(kind, sh.__name__[6:].replace("_", "-"), tool, inp, resp, sec, keep)
        if svc in ("github", "gitlab"):
            for _ in range(2):
                s = gen()
                tool, inp, resp, sec, keep = shape_git_config(kind, pick(vars_), s)
                add(kind, "git-config", tool, inp, resp, sec, keep)

    for fn, n in [(rec_aws_credentials, 10), (rec_aws_export, 8), (rec_aws_keyid_only, 6), (rec_presigned, 8),
                  (rec_azure_sas, 6), (rec_azure_connstr, 6), (rec_npmrc, 4), (rec_pypirc, 3), (rec_netrc, 8),
                  (rec_pgpass, 8), (rec_kubeconfig, 12), (rec_docker_auth, 8), (rec_dockerconfigjson_secret, 3),
                  (rec_k8s_secret_multi, 8), (rec_k8s_tls_secret, 3), (rec_url_password, 16), (rec_url_token_param, 12),
                  (rec_slack_webhook, 8), (rec_discord_webhook, 6), (rec_basic_auth, 8), (rec_config_password, 16),
                  (rec_docker_inspect_env_password, 4), (rec_git_credentials, 5), (rec_gh_hosts, 2), (rec_twilio_pair, 3),
                  (rec_multi_env, 6)]:
        for _ in range(n):
            kind, shape, tool, inp, resp, sec, keep = fn()
            add(kind, shape, tool, inp, resp, sec, keep)
    for kind in ["private-key-rsa", "private-key-ec", "private-key-openssh", "private-key-pkcs8", "private-key-pgp"]:
        for _ in range({"private-key-pkcs8": 12, "private-key-pgp": 4}.get(kind, 8)):
            k, shape, tool, inp, resp, sec, keep = rec_private_key(kind)
            add(k, shape, tool, inp, resp, sec, keep)

    clean = []
    all_secret_text = set(s for r in secrets for s in r["secrets"])
    for cat, fn, n in CLEAN:
        for _ in range(n):
            tool, inp, resp = fn()
            rec = {"id": f"c{len(clean) + 1:04d}-{cat}", "tool": tool, "kind": cat, "shape": cat, "input": inp,
                   "response": resp, "secrets": [], "keep": []}
            text = "\0".join(strings(resp))
            assert not any(s in text for s in all_secret_text if len(s) > 12), rec["id"]
            clean.append(rec)

    for name, recs in (("secrets.jsonl", secrets), ("clean.jsonl", clean)):
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"gen.py: {len(secrets)} secret records, {len(clean)} clean records (seed {SEED})", file=sys.stderr)


if __name__ == "__main__":
    main()
