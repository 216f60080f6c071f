/* test_redact.c - secrets never survive redact() beyond a 4-char prefix;
 * ordinary commands pass through unchanged. */
#include <string.h>

#include "util/buf.h"
#include "util/redact.h"
#include "tap.h"

static char got[4096];

static const char *red(const char *in)
{
	struct buf b = BUF_INIT;

	if (redact(&b, in, strlen(in)) < 0) {
		strcpy(got, "(error)");
	} else {
		strncpy(got, b.data ? b.data : "", sizeof(got) - 1);
		got[sizeof(got) - 1] = '\0';
	}
	buf_release(&b);
	return got;
}

/* in -> want exactly */
static void is_red(const char *in, const char *want, const char *what)
{
	const char *g = red(in);

	ok(!strcmp(g, want), "%s: '%s' (want '%s')", what, g, want);
}

/* the secret part must be gone from the output */
static void gone(const char *in, const char *secret, const char *what)
{
	const char *g = red(in);

	ok(!strstr(g, secret) && strstr(g, REDACT_MARK), "%s: '%s'", what, g);
}

static void has_key(const char *text, bool want, const char *name)
{
	ok(redact_has_key(text, strlen(text)) == want, "%s", name);
}

/* redact_output(): in -> want exactly ("" = clean: nothing written) */
static void is_out(const char *in, const char *want, const char *what)
{
	struct buf b = BUF_INIT;
	struct redact_tally t = { 0, 0 };
	int n = redact_output(&b, in, strlen(in), 0, &t);
	const char *g = n > 0 ? (b.data ? b.data : "") : n < 0 ? "(error)" :
			"";

	ok(!strcmp(g, want) && (n > 0) == (*want != 0) &&
	   (n == 0 || (t.n == (unsigned)n && t.kinds)),
	   "output: %s: '%s' (want '%s')", what, g, want);
	buf_release(&b);
}

static void out_clean(const char *in, const char *what)
{
	is_out(in, "", what);
}

int main(void)
{
	/* redact_has_key: the confident recognisers only. */
	has_key("use AKIA2OGYBAH4K7QZRW5X here", true, "has_key: AWS key id");
	has_key("token ghp_abcdefghijklmnopqrstuvwxyz0123456789", true,
		"has_key: GitHub token");
	has_key("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END "
		"OPENSSH PRIVATE KEY-----", true, "has_key: private key block");
	has_key("postgres://admin:s3cret@db/app", true,
		"has_key: URL password");
	has_key("bot 5588522778:AAy4SXvE9rwLbAtf6e9cpCGybY9lMR4pAwB ok", true,
		"has_key: Telegram bot token");
	has_key("pat-na1-503e12b4-7fa4-2f93-ceaf-2ffbf3e0b6e9", true,
		"has_key: HubSpot private app token");
	has_key("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5"
		"vbmUAAAAEbm9uZQAAAAAAAAABAAAAMw\n-----END OPENSSH PRIVATE "
		"KEY-----", true, "has_key: a key block with runs of A");
	has_key("sk_test_XXXXXXXXXXXXXXXX", false,
		"has_key: a filler is no key");
	has_key("at 12:30:45 the build 1234567890:ok", false,
		"has_key: times and ids are no Telegram token");
	has_key("AKIAIOSFODNN7EXAMPLE is AWS's placeholder", false,
		"has_key: a documented placeholder is no key");
	has_key("password=hunter2 in the docs", false,
		"has_key: a setting is for redaction, not for verdicts");
	has_key("sk-learn and ghp_ are prefixes", false,
		"has_key: prefixes without a body");
	has_key("https://github.com/o/r and git@github.com:o/r", false,
		"has_key: URLs without passwords");
	/* Known key formats keep their 4-character marker only. */
	is_red("aws s3 ls --key AKIAIOSFODNN7EXAMPLE x",
	       "aws s3 ls --key AKIA[REDACTED] x", "AWS access key id");
	is_red("export AWS_SESSION=ASIAY34FZKBOKMUTVV7A",
	       "export AWS_SESSION=ASIA[REDACTED]", "AWS temporary key");
	is_red("git clone https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@"
	       "github.com/o/r", "git clone https://ghp_[REDACTED]@github.com/o/r",
	       "GitHub token in a URL");
	gone("gh auth login --with-token github_pat_11ABCDEFG0123456789_abcdef"
	     "ghijklmnopqrstuvwxyz", "11ABCDEFG", "fine-grained GitHub PAT");
	gone("curl -d token=xoxb-123456789012-abcdefghijkl slack.com",
	     "123456789012", "Slack bot token");
	is_red("OPENAI=sk-proj-abcdefghijklmnopqrstuvwxyz012345 run",
	       "OPENAI=sk-p[REDACTED] run", "OpenAI key");
	is_red("x sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_xyz y",
	       "x sk-a[REDACTED] y", "Anthropic key");
	is_red("key=AIzaSyA1234567890abcdefghijklmnopqrstuv",
	       "key=AIza[REDACTED]", "Google API key");
	gone("curl -H 'X: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
	     "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'", "hbGciOiJ",
	     "JWT");

	/* Values of secret settings keep nothing. */
	is_red("curl -H 'Authorization: Bearer abc123def456ghi789' x",
	       "curl -H 'Authorization: Bearer [REDACTED]' x", "bearer token");
	is_red("mysql --password=hunter2hunter2 db",
	       "mysql --password=[REDACTED] db", "--password=");
	is_red("vault login --token s.abcdef123456",
	       "vault login --token [REDACTED]", "--token VALUE");
	is_red("PGPASSWORD=pw psql", "PGPASSWORD=[REDACTED] psql",
	       "env password (short)");
	is_red("https://api.x.io/v1?user=al&api_key=12345&q=1",
	       "https://api.x.io/v1?user=al&api_key=[REDACTED]&q=1",
	       "query parameter");
	is_red("{\"client_secret\": \"s3cr3t value\"}",
	       "{\"client_secret\": \"[REDACTED]\"}", "JSON-style secret");
	is_red("git clone https://alice:Sup3rS3cret@git.example.com/r.git",
	       "git clone https://alice:[REDACTED]@git.example.com/r.git",
	       "user:password in a URL");
	is_red("curl -u admin:letmein https://x", "curl -u admin:[REDACTED] "
	       "https://x", "curl -u user:pass");
	is_red("cat > k <<EOF\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC"
	       "1rZXktdjEAAAA\n-----END OPENSSH PRIVATE KEY-----\nEOF",
	       "cat > k <<EOF\n-----BEGIN OPENSSH PRIVATE KEY-----[REDACTED]\n"
	       "EOF", "private key block");
	gone("echo '-----BEGIN RSA PRIVATE KEY-----\nMIIEow truncated",
	     "MIIEow", "truncated private key block");
	is_red("deploy --sig=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822c",
	       "deploy --sig=[REDACTED]", "long hex after =");
	is_red("x SECRET_VALUE=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg== y",
	       "x SECRET_VALUE=[REDACTED] y", "base64 secret");

	/* Ordinary text passes unchanged. */
	is_red("rm -rf ~/build", "rm -rf ~/build", "plain command");
	is_red("git push origin main --force-with-lease",
	       "git push origin main --force-with-lease", "git push");
	is_red("pip install scikit-learn sk-video",
	       "pip install scikit-learn sk-video", "short sk- words");
	is_red("echo the password is long", "echo the password is long",
	       "prose mentioning password");
	is_red("git checkout 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b",
	       "git checkout 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b",
	       "a commit id (not after =)");
	is_red("https://example.com/a:b@c", "https://example.com/a:b@c",
	       "colon and @ in a path");
	is_red("", "", "empty");

	/* No secret survives with more than 4 characters, wherever it is. */
	gone("AKIAIOSFODNN7EXAMPLE", "IOSF", "at the start");
	is_red("xAKIAIOSFODNN7EXAMPLE", "xAKIAIOSFODNN7EXAMPLE",
	       "glued to a word: not a key");
	is_red("TELEGRAM=5588522778:AAy4SXvE9rwLbAtf6e9cpCGybY9lMR4pAwB",
	       "TELEGRAM=5588522778:[REDACTED]", "Telegram bot token");
	is_red("curl -H \"authorization: token abcdefgh12345678\" u",
	       "curl -H \"authorization: [REDACTED]\" u",
	       "authorization header, other scheme");
	/* redact_output(): sure recognisers only, markers name the kind. */
	is_out("aws_access_key_id = AKIAZ7QW3RTY5UIOPLKJ\naws_secret_access_"
	       "key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq3Kd9Pb2x\n",
	       "aws_access_key_id = [ccveto: redacted aws-access-key-id]\n"
	       "aws_secret_access_key = [ccveto: redacted aws-secret-access-"
	       "key]\n", "AWS credentials file");
	is_out("{\"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq3Kd9Pb"
	       "2x\", \"SessionToken\": \"FwoGZXIvYXdzEJr//////////wEaDKx9\"}",
	       "{\"SecretAccessKey\": \"[ccveto: redacted aws-secret-access-"
	       "key]\", \"SessionToken\": \"[ccveto: redacted token]\"}",
	       "aws sts JSON");
	is_out("DB_PASSWORD=postgres\nMAX_TOKENS=4096\nAPI_KEY=your_key_here",
	       "DB_PASSWORD=[ccveto: redacted password]\nMAX_TOKENS=4096\n"
	       "API_KEY=your_key_here", ".env file");
	is_out("machine api.example.com\n  login me\n  password 9f8e-7d6c\n",
	       "machine api.example.com\n  login me\n  password [ccveto: "
	       "redacted netrc-password]\n", ".netrc");
	is_out("db.internal:5432:app:alice:Sup3r-s3cret\n",
	       "db.internal:5432:app:alice:[ccveto: redacted pgpass-password]"
	       "\n", ".pgpass");
	is_out("{\"auths\":{\"r.io\":{\"auth\":\"dXNlcjpwYXNzd29yZDEyMw==\"}}}",
	       "{\"auths\":{\"r.io\":{\"auth\":\"[ccveto: redacted docker-auth]"
	       "\"}}}", "docker config.json");
	is_out("client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQp",
	       "client-key-data: [ccveto: redacted private-key]",
	       "kubeconfig client key");
	is_out("x -----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n"
	       "lQOYBGN3xk0BCADK2vWq5d8Yh1m\n-----END PGP "
	       "PRIVATE KEY BLOCK----- y", "x [ccveto: redacted private-key] "
	       "y", "PGP private key block");
	is_out("https://h/p?user=al&access_token=Zx81kQ9aa&sig=abc%2Bdef123",
	       "https://h/p?user=al&access_token=[ccveto: redacted token]&sig="
	       "[ccveto: redacted signature]", "URL token parameters");
	is_out("postgres://admin:p4ssw0rd@db/app",
	       "postgres://admin:[ccveto: redacted url-password]@db/app",
	       "URL password");
	is_out("> Authorization: Bearer k7Qx93LmT2vPa8rJw4Yz\n",
	       "> Authorization: Bearer [ccveto: redacted authorization-header]"
	       "\n", "authorization header");
	is_out("export GITHUB_TOKEN=\"ghp_abcdefghijklmnopqrstuvwxyz0123456789\"",
	       "export GITHUB_TOKEN=\"[ccveto: redacted github-token]\"",
	       "a setting holding a known format names the format");
	/* Lookalikes stay byte for byte. */
	out_clean("password = os.environ[\"DB_PASSWORD\"]\ntoken = getToken()\n"
		  "token = self.token\n", "code reading a secret");
	out_clean("token: ${{ secrets.GITHUB_TOKEN }}\npassword: ${DB_PASS}\n"
		  "PASSWORD=\nsecret: <your-secret>\n", "references, templates");
	out_clean("\"password\": \"Password\",\n\"forgotPassword\": \"Forgot "
		  "your password?\", \"passwordLabel\": \"Passwort\"",
		  "i18n strings");
	out_clean("passed=12 failed=0 tokens: 512 max_tokens=1024 "
		  "token_count=77 password_min_length=12", "counters");
	out_clean("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6"
		  "c15b0f00a08 commit=7ba88bf3c1d2e4f5a6b7c8d9e0f1a2b3c4d5e6f7 "
		  "id=123e4567-e89b-12d3-a456-426614174000", "hashes and ids");
	out_clean("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB5oW9JU8mrf1ceW5kVaZ3kb"
		  "XwW6YpM/2WCrRkQ7X9Zc u@h\n-----BEGIN PUBLIC KEY-----\nMIIB\n"
		  "-----END PUBLIC KEY-----\nclient-certificate-data: LS0tLS1CRU"
		  "dJTiBDRVJUSUZJQ0FURS0tLS0tCk1J", "public keys, certificates");
	out_clean("AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
		  " ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
		  "documented example keys");
	out_clean("postgres://user:password@localhost/db git@github.com:o/r "
		  "https://${USER}:${PASS}@h/", "URL placeholders");
	out_clean("Password: \nsecret: Kubernetes\nkey: value\n12:30:45",
		  "prompts and prose");
	out_clean("self.key_password = key_password\nusing FunctionPassCtor = "
		  "ScheduleDAGSDNodes *(*)(int);\nIMAGE_REL_ARM_TOKEN = 0x000C,\n"
		  "U_UNEXPECTED_TOKEN=0x10100,\nCHALLENGE_PASSWORD = Oid(\"1.2\")\n"
		  "Token.String: \"#dcdccc\",\nprivate_key: \"EllipticCurvePrivateKey"
		  "\",\n'authorization_code': AuthorizationCodeGrant(v),\n"
		  "authorization = self.headers.get('authorization')\n",
		  "names in code (from real source files)");
	out_clean("_SK_START = b\"-----BEGIN OPENSSH PRIVATE KEY-----\"\n"
		  "rest of the file", "a key header in code is no key");
	out_clean("cvs://:pserver:anoncvs@sources.redhat.com:/cvs/src\n"
		  "new URL('https://abc:xyz@example.com')\n"
		  "client-certificate= client-key= kube-token= --token= \n"
		  "Return the password for the netrc entry, after\n"
		  "machine m login anonymous password for the", "prose and docs");
	out_clean("", "empty");
	return tap_done();
}
