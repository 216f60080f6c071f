/* shell_inline.c - inline code in other languages: Python, Node, Perl,
 * Ruby, PHP and awk given with -c/-e, as here-docs or here-strings, or as a
 * script written earlier in the same call.
 * One small tokenizer per language (strings with their escapes and
 * interpolation, comments, identifiers, brackets) feeds one evaluator that
 * follows literal values through variables, concatenation and a few pure
 * functions (expanduser, path joins, base64/hex decoding), and looks every
 * call up in one table (`apis`, below) of shell-outs, file and network
 * operations.  What a call does becomes shell text that is parsed with the
 * shell parser, so the existing rules judge it: `shutil.rmtree(p)` is
 * `rm -rf P`, `os.system(s)` is S itself, `open(p)` is `cat P`.
 * Security invariants: a shell-out or a destructive file operation whose
 * argument is not a literal becomes a "<computed-exec>" or "<computed-path>"
 * subject (the rules ask), never nothing; text larger than
 * CV_MAX_INLINE_BYTES or nested deeper than CV_MAX_INLINE_NESTING is an
 * error (deny); strings that are only printed are data, not effects.
 * Everything lives in the request's arena. */
#include <string.h>

#include "shell/shell_int.h"
#include "util/arena.h"
#include "util/bounds.h"
#include "util/diag.h"
#include "util/text.h"

/* Bytes with a meaning inside evaluated strings.  Source text holding
 * them is read as unknown. */
#define C_UNK	'\x01'	/* a part not known before run time */
#define C_IPB	'\x02'	/* start of an interpolated expression */
#define C_IPE	'\x03'	/* its end */
#define C_HOME	'\x04'	/* the home directory */

#define NOMEM(x) diag_nomem((x)->p->g->d)

enum { PY = 1, JS = 2, PL = 4, RB = 8, PH = 16, AW = 32 };

/* ---- values ---- */

enum ivk { IV_UNK, IV_STR, IV_NAME, IV_LIST, IV_NET };

#define IVF_GLOB	1u	/* a pattern: rendered unquoted */
#define IVF_ELEM	2u	/* iterating yields the value itself */
#define IVF_CHARS	4u	/* JS "s".split(""): characters of s */

struct ival {
	enum ivk k;
	unsigned f;
	const char *s;		/* STR: text; NAME: dotted name; NET: URL */
	size_t n;
	struct ival *v;		/* LIST items */
	size_t nv;
};

struct iarg {
	const char *kw;		/* python name=value, else NULL */
	size_t kwn;
	struct ival v;
};

/* ---- the table ---- */

enum iop {
	/* effects */
	OP_SHELL,	/* arg 0: a command line, or an argv list */
	OP_ARGV,	/* arg 0: a program, arg 1: its argument list */
	OP_VARGV,	/* every argument is one word of argv */
	OP_SYSTEM,	/* one argument: a command line; more: argv */
	OP_EVAL,	/* arg 0: code in the same language */
	OP_RMTREE, OP_RM, OP_RMDIR, OP_READ, OP_WRITE, OP_APPEND,
	OP_OPEN,	/* arg 0 path, arg 1 (or mode=) the mode */
	OP_PLOPEN,	/* Perl open(FH, MODE, PATH) / open(FH, "<PATH") */
	OP_COPY, OP_MOVE,
	OP_FETCH,	/* arg 0: a URL; returns what it serves */
	/* values */
	V_HOME, V_CWD, V_GETENV, V_EXPANDUSER, V_JOIN, V_ID, V_TMP, V_MKTMP,
	V_MODULE,
	V_B64, V_HEX, V_ROT13, V_REV, V_CODECS, V_BUFFER, V_PACK, V_TOSTRING,
	V_SPLIT, V_JOINM, V_FORMAT, V_REPLACE, V_UNPACK, V_THEN,
	V_WALK, V_GLOB, V_LISTDIR,
};

#define A_ALL	1u	/* the operation applies to every argument */

/* A name with a dot matches itself and any name ending in ".NAME"; a
 * name without one matches only itself (a builtin); ".NAME" is a method
 * called on a computed value (a path object, a string), which is then
 * argument 0. */
struct iapi {
	const char *name;
	unsigned char langs, op, flags;
};

static const struct iapi apis[] = {
	/* shell-outs */
	{ "os.system", PY, OP_SHELL, 0 },
	{ "os.popen", PY, OP_SHELL, 0 },
	{ "subprocess.run", PY, OP_SHELL, 0 },
	{ "subprocess.call", PY, OP_SHELL, 0 },
	{ "subprocess.Popen", PY, OP_SHELL, 0 },
	{ "subprocess.check_output", PY, OP_SHELL, 0 },
	{ "subprocess.check_call", PY, OP_SHELL, 0 },
	{ "subprocess.getoutput", PY, OP_SHELL, 0 },
	{ "subprocess.getstatusoutput", PY, OP_SHELL, 0 },
	{ "commands.getoutput", PY, OP_SHELL, 0 },
	{ "pty.spawn", PY, OP_SHELL, 0 },
	{ "asyncio.create_subprocess_shell", PY, OP_SHELL, 0 },
	{ "asyncio.create_subprocess_exec", PY, OP_VARGV, 0 },
	{ "os.execv", PY, OP_ARGV, 0 },
	{ "os.execvp", PY, OP_ARGV, 0 },
	{ "os.execve", PY, OP_ARGV, 0 },
	{ "os.execvpe", PY, OP_ARGV, 0 },
	{ "os.execl", PY, OP_VARGV, 0 },
	{ "os.execlp", PY, OP_VARGV, 0 },
	{ "os.spawnlp", PY, OP_VARGV, 0 },
	{ "child_process.exec", JS, OP_SHELL, 0 },
	{ "child_process.execSync", JS, OP_SHELL, 0 },
	{ "child_process.spawn", JS, OP_ARGV, 0 },
	{ "child_process.spawnSync", JS, OP_ARGV, 0 },
	{ "child_process.execFile", JS, OP_ARGV, 0 },
	{ "child_process.execFileSync", JS, OP_ARGV, 0 },
	{ "child_process.fork", JS, OP_ARGV, 0 },
	{ "Bun.spawnSync", JS, OP_SHELL, 0 },
	{ "Bun.spawn", JS, OP_SHELL, 0 },
	{ "system", PL | RB | PH | AW, OP_SYSTEM, 0 },
	{ "exec", PL | RB, OP_SYSTEM, 0 },
	{ "exec", PH, OP_SHELL, 0 },
	{ "spawn", RB, OP_SYSTEM, 0 },
	{ "Kernel.system", RB, OP_SYSTEM, 0 },
	{ "Kernel.exec", RB, OP_SYSTEM, 0 },
	{ "Process.spawn", RB, OP_SYSTEM, 0 },
	{ "IO.popen", RB, OP_SHELL, 0 },
	{ "Open3.capture2", RB, OP_SYSTEM, 0 },
	{ "Open3.capture2e", RB, OP_SYSTEM, 0 },
	{ "Open3.capture3", RB, OP_SYSTEM, 0 },
	{ "Open3.popen3", RB, OP_SYSTEM, 0 },
	{ "shell_exec", PH, OP_SHELL, 0 },
	{ "passthru", PH, OP_SHELL, 0 },
	{ "popen", PH, OP_SHELL, 0 },
	{ "proc_open", PH, OP_SHELL, 0 },
	{ "pcntl_exec", PH, OP_ARGV, 0 },
	{ "readpipe", PL, OP_SHELL, 0 },
	/* code in the same language */
	{ "exec", PY, OP_EVAL, 0 },
	{ "eval", PY | JS | PL | RB | PH, OP_EVAL, 0 },
	{ "Function", JS, OP_EVAL, 0 },
	{ "vm.runInThisContext", JS, OP_EVAL, 0 },
	{ "vm.runInNewContext", JS, OP_EVAL, 0 },
	/* deletes */
	{ "shutil.rmtree", PY, OP_RMTREE, 0 },
	{ "os.remove", PY, OP_RM, 0 },
	{ "os.unlink", PY, OP_RM, 0 },
	{ "os.rmdir", PY, OP_RMDIR, 0 },
	{ "os.removedirs", PY, OP_RMDIR, 0 },
	{ ".unlink", PY, OP_RM, 0 },
	{ ".rmdir", PY, OP_RMDIR, 0 },
	{ ".rmtree", PY, OP_RMTREE, 0 },
	{ "fs.rmSync", JS, OP_RMTREE, 0 },
	{ "fs.rm", JS, OP_RMTREE, 0 },
	{ "fs.rmdirSync", JS, OP_RMTREE, 0 },
	{ "fs.rmdir", JS, OP_RMTREE, 0 },
	{ "fs.unlinkSync", JS, OP_RM, 0 },
	{ "fs.unlink", JS, OP_RM, 0 },
	{ "fs.removeSync", JS, OP_RMTREE, 0 },
	{ "fs.remove", JS, OP_RMTREE, 0 },
	{ "fs.emptyDirSync", JS, OP_RMTREE, 0 },
	{ "rimraf", JS, OP_RMTREE, 0 },
	{ "rimraf.sync", JS, OP_RMTREE, 0 },
	{ "FileUtils.rm_rf", RB, OP_RMTREE, A_ALL },
	{ "FileUtils.rm_r", RB, OP_RMTREE, A_ALL },
	{ "FileUtils.rmtree", RB, OP_RMTREE, A_ALL },
	{ "FileUtils.remove_dir", RB, OP_RMTREE, 0 },
	{ "FileUtils.remove_entry", RB, OP_RMTREE, 0 },
	{ "FileUtils.remove_entry_secure", RB, OP_RMTREE, 0 },
	{ "FileUtils.rm", RB, OP_RM, A_ALL },
	{ "FileUtils.rm_f", RB, OP_RM, A_ALL },
	{ "FileUtils.remove", RB, OP_RM, A_ALL },
	{ "FileUtils.rmdir", RB, OP_RMDIR, A_ALL },
	{ "File.delete", RB, OP_RM, A_ALL },
	{ "File.unlink", RB, OP_RM, A_ALL },
	{ "Dir.rmdir", RB, OP_RMDIR, 0 },
	{ "Dir.delete", RB, OP_RMDIR, 0 },
	{ "unlink", PL | PH, OP_RM, A_ALL },
	{ "rmdir", PL | PH, OP_RMDIR, A_ALL },
	{ "rmtree", PL, OP_RMTREE, A_ALL },
	{ "remove_tree", PL, OP_RMTREE, A_ALL },
	{ "File.Path.rmtree", PL, OP_RMTREE, A_ALL },
	{ "File.Path.remove_tree", PL, OP_RMTREE, A_ALL },
	/* reads, writes, copies */
	{ "open", PY, OP_OPEN, 0 },
	{ "io.open", PY, OP_OPEN, 0 },
	{ "codecs.open", PY, OP_OPEN, 0 },
	{ ".open", PY, OP_OPEN, 0 },
	{ ".read_text", PY, OP_READ, 0 },
	{ ".read_bytes", PY, OP_READ, 0 },
	{ ".write_text", PY, OP_WRITE, 0 },
	{ ".write_bytes", PY, OP_WRITE, 0 },
	{ ".touch", PY, OP_APPEND, 0 },
	{ "shutil.copy", PY, OP_COPY, 0 },
	{ "shutil.copy2", PY, OP_COPY, 0 },
	{ "shutil.copyfile", PY, OP_COPY, 0 },
	{ "shutil.copytree", PY, OP_COPY, 0 },
	{ "shutil.move", PY, OP_MOVE, 0 },
	{ "os.rename", PY, OP_MOVE, 0 },
	{ "os.replace", PY, OP_MOVE, 0 },
	{ ".rename", PY, OP_MOVE, 0 },
	{ "fs.readFileSync", JS, OP_READ, 0 },
	{ "fs.readFile", JS, OP_READ, 0 },
	{ "fs.createReadStream", JS, OP_READ, 0 },
	{ "fs.writeFileSync", JS, OP_WRITE, 0 },
	{ "fs.writeFile", JS, OP_WRITE, 0 },
	{ "fs.createWriteStream", JS, OP_WRITE, 0 },
	{ "fs.truncateSync", JS, OP_WRITE, 0 },
	{ "fs.truncate", JS, OP_WRITE, 0 },
	{ "fs.appendFileSync", JS, OP_APPEND, 0 },
	{ "fs.appendFile", JS, OP_APPEND, 0 },
	{ "fs.copyFileSync", JS, OP_COPY, 0 },
	{ "fs.copyFile", JS, OP_COPY, 0 },
	{ "fs.cpSync", JS, OP_COPY, 0 },
	{ "fs.cp", JS, OP_COPY, 0 },
	{ "fs.renameSync", JS, OP_MOVE, 0 },
	{ "fs.rename", JS, OP_MOVE, 0 },
	{ "File.read", RB, OP_READ, 0 },
	{ "File.binread", RB, OP_READ, 0 },
	{ "File.readlines", RB, OP_READ, 0 },
	{ "File.foreach", RB, OP_READ, 0 },
	{ "IO.read", RB, OP_READ, 0 },
	{ "IO.readlines", RB, OP_READ, 0 },
	{ "File.write", RB, OP_WRITE, 0 },
	{ "File.binwrite", RB, OP_WRITE, 0 },
	{ "IO.write", RB, OP_WRITE, 0 },
	{ "File.open", RB, OP_OPEN, 0 },
	{ "File.new", RB, OP_OPEN, 0 },
	{ "FileUtils.cp", RB, OP_COPY, 0 },
	{ "FileUtils.cp_r", RB, OP_COPY, 0 },
	{ "FileUtils.mv", RB, OP_MOVE, 0 },
	{ "File.rename", RB, OP_MOVE, 0 },
	{ "open", PL, OP_PLOPEN, 0 },
	{ "copy", PL | PH, OP_COPY, 0 },
	{ "File.Copy.copy", PL, OP_COPY, 0 },
	{ "move", PL, OP_MOVE, 0 },
	{ "rename", PL | PH, OP_MOVE, 0 },
	{ "file_get_contents", PH, OP_READ, 0 },
	{ "readfile", PH, OP_READ, 0 },
	{ "file", PH, OP_READ, 0 },
	{ "fopen", PH, OP_OPEN, 0 },
	{ "file_put_contents", PH, OP_WRITE, 0 },
	/* network */
	{ "urllib.request.urlopen", PY, OP_FETCH, 0 },
	{ "urllib.urlopen", PY, OP_FETCH, 0 },
	{ "urllib2.urlopen", PY, OP_FETCH, 0 },
	{ "urlopen", PY, OP_FETCH, 0 },
	{ "requests.get", PY, OP_FETCH, 0 },
	{ "requests.post", PY, OP_FETCH, 0 },
	{ "httpx.get", PY, OP_FETCH, 0 },
	{ "fetch", JS, OP_FETCH, 0 },
	{ "axios.get", JS, OP_FETCH, 0 },
	{ "URI.open", RB, OP_FETCH, 0 },
	{ "Net.HTTP.get", RB, OP_FETCH, 0 },
	{ "LWP.Simple.get", PL, OP_FETCH, 0 },
	{ "get", PL, OP_FETCH, 0 },
	/* values */
	{ "os.path.expanduser", PY, V_EXPANDUSER, 0 },
	{ ".expanduser", PY, V_EXPANDUSER, 0 },
	{ "File.expand_path", RB, V_EXPANDUSER, 0 },
	{ "os.path.join", PY, V_JOIN, 0 },
	{ ".joinpath", PY, V_JOIN, 0 },
	{ "path.join", JS, V_JOIN, 0 },
	{ "path.resolve", JS, V_JOIN, 0 },
	{ "File.join", RB, V_JOIN, 0 },
	{ "os.path.abspath", PY, V_ID, 0 },
	{ "os.path.realpath", PY, V_ID, 0 },
	{ "os.path.normpath", PY, V_ID, 0 },
	{ "os.fspath", PY, V_ID, 0 },
	{ "str", PY, V_ID, 0 },
	{ "String", JS, V_ID, 0 },
	{ "pathlib.Path", PY, V_ID, 0 },
	{ "pathlib.PosixPath", PY, V_ID, 0 },
	{ "Path", PY, V_ID, 0 },
	{ "Pathname.new", RB, V_ID, 0 },
	{ ".resolve", PY, V_ID, 0 },
	{ ".absolute", PY, V_ID, 0 },
	{ ".decode", PY, V_ID, 0 },
	{ ".encode", PY, V_ID, 0 },
	{ ".strip", PY, V_ID, 0 },
	{ ".trim", JS, V_ID, 0 },
	{ ".chomp", RB, V_ID, 0 },
	{ ".strip", RB, V_ID, 0 },
	{ ".to_s", RB, V_ID, 0 },
	{ ".toString", JS, V_TOSTRING, 0 },
	{ "os.getcwd", PY, V_CWD, 0 },
	{ "Path.cwd", PY, V_CWD, 0 },
	{ "process.cwd", JS, V_CWD, 0 },
	{ "Dir.pwd", RB, V_CWD, 0 },
	{ "getcwd", PL | PH, V_CWD, 0 },
	{ "Cwd.getcwd", PL, V_CWD, 0 },
	{ "os.getenv", PY, V_GETENV, 0 },
	{ "os.environ.get", PY, V_GETENV, 0 },
	{ "getenv", PH, V_GETENV, 0 },
	{ "ENV.fetch", RB, V_GETENV, 0 },
	{ "os.homedir", JS, V_HOME, 0 },
	{ "Path.home", PY, V_HOME, 0 },
	{ "Dir.home", RB, V_HOME, 0 },
	{ "tempfile.mkdtemp", PY, V_MKTMP, 0 },
	{ "tempfile.gettempdir", PY, V_TMP, 0 },
	{ "os.tmpdir", JS, V_TMP, 0 },
	{ "fs.mkdtempSync", JS, V_MKTMP, 0 },
	{ "Dir.tmpdir", RB, V_TMP, 0 },
	{ "Dir.mktmpdir", RB, V_MKTMP, 0 },
	{ "sys_get_temp_dir", PH, V_TMP, 0 },
	{ "__import__", PY, V_MODULE, 0 },
	{ "importlib.import_module", PY, V_MODULE, 0 },
	{ "require", JS, V_MODULE, 0 },
	{ "base64.b64decode", PY, V_B64, 0 },
	{ "base64.decodebytes", PY, V_B64, 0 },
	{ "base64.standard_b64decode", PY, V_B64, 0 },
	{ "base64.urlsafe_b64decode", PY, V_B64, 0 },
	{ "binascii.a2b_base64", PY, V_B64, 0 },
	{ "bytes.fromhex", PY, V_HEX, 0 },
	{ "bytearray.fromhex", PY, V_HEX, 0 },
	{ "binascii.unhexlify", PY, V_HEX, 0 },
	{ "codecs.decode", PY, V_CODECS, 0 },
	{ "atob", JS, V_B64, 0 },
	{ "Buffer.from", JS, V_BUFFER, 0 },
	{ "decode_base64", PL, V_B64, 0 },
	{ "MIME.Base64.decode_base64", PL, V_B64, 0 },
	{ "pack", PL, V_PACK, 0 },
	{ "reverse", PL, V_REV, 0 },
	{ "Base64.decode64", RB, V_B64, 0 },
	{ "Base64.strict_decode64", RB, V_B64, 0 },
	{ ".unpack1", RB, V_UNPACK, 0 },
	{ ".reverse", RB | JS, V_REV, 0 },
	{ "base64_decode", PH, V_B64, 0 },
	{ "hex2bin", PH, V_HEX, 0 },
	{ "str_rot13", PH, V_ROT13, 0 },
	{ "strrev", PH, V_REV, 0 },
	{ ".split", JS, V_SPLIT, 0 },
	{ ".join", JS | PY, V_JOINM, 0 },
	{ ".format", PY, V_FORMAT, 0 },
	{ ".replace", PY | JS, V_REPLACE, 0 },
	{ ".then", JS, V_THEN, 0 },
	{ "os.walk", PY, V_WALK, 0 },
	{ "os.listdir", PY, V_LISTDIR, 0 },
	{ "os.scandir", PY, V_LISTDIR, 0 },
	{ ".iterdir", PY, V_LISTDIR, 0 },
	{ "glob.glob", PY, V_GLOB, 0 },
	{ "glob.iglob", PY, V_GLOB, 0 },
	{ ".glob", PY, V_GLOB, 0 },
	{ ".rglob", PY, V_GLOB, 0 },
	{ "glob", PL, V_GLOB, 0 },
	{ "Dir.glob", RB, V_GLOB, 0 },
	{ "fs.readdirSync", JS, V_LISTDIR, 0 },
};

/* Perl and Ruby call these without parentheses: `system "rm -rf x"`. */
static const char *const bare_calls[] = {
	"system", "exec", "unlink", "rmdir", "rmtree", "remove_tree", "open",
	"eval", "require", "spawn", "print", "printf", "puts", NULL,
};

/* ---- tokens ---- */

enum itt { IT_EOF, IT_ID, IT_STR, IT_CMD, IT_NUM, IT_OP, IT_QW };

struct itk {
	enum itt t;
	const char *s;		/* ID, NUM, OP: source; STR, CMD, QW: value */
	size_t n;
	size_t match;		/* brackets: index of the partner */
};

struct ictx {
	struct sh_src *p;
	struct subject *s;
	unsigned L;		/* one of PY JS PL RB PH AW */
	struct itk *t;
	size_t nt, capt, pos, lim;
	struct ivar {
		const char *name;
		size_t n;
		struct ival v;
	} *vars;
	size_t nvars, capvars;
	bool vars_lost;
	int depth, level;
	struct strlist via;
};

static const struct itk eof_tok = { IT_EOF, "", 0, 0 };

static bool is_ids(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       (unsigned char)c >= 0x80;
}

static bool is_idc(char c)
{
	return is_ids(c) || (c >= '0' && c <= '9');
}

static bool tk_opn(const struct itk *t, const char *op, size_t n)
{
	return t->t == IT_OP && t->n == n && !memcmp(t->s, op, n);
}

static bool tk_idn(const struct itk *t, const char *id, size_t n)
{
	return t->t == IT_ID && t->n == n && !memcmp(t->s, id, n);
}

/* With a literal: its length is known at compile time. */
#define tk_op(t, op)	tk_opn((t), (op), sizeof(op) - 1)
#define tk_id(t, id)	tk_idn((t), (id), sizeof(id) - 1)

static const struct itk *peek(const struct ictx *x, size_t k)
{
	size_t i = x->pos + k;

	return i < x->lim ? &x->t[i] : &eof_tok;
}

static int tok_push(struct ictx *x, enum itt t, const char *s, size_t n)
{
	struct itk *v;

	v = arena_grow(x->p->g->a, x->t, &x->capt, sizeof(*v), x->nt + 1);
	if (!v)
		return NOMEM(x);
	x->t = v;
	v = &x->t[x->nt++];
	v->t = t;
	v->s = s;
	v->n = n;
	v->match = 0;
	return 0;
}

struct lexer {
	struct ictx *x;
	const char *s;
	size_t n, i;
	struct sh_str b;
};

static int bput(struct lexer *lx, const char *s, size_t n)
{
	return shl_str_put(lx->x->p, &lx->b, s, n);
}

static int bputc(struct lexer *lx, char c)
{
	if (c >= C_UNK && c <= C_HOME)
		c = C_UNK;
	return shl_str_put(lx->x->p, &lx->b, &c, 1);
}

static int push_buf(struct lexer *lx, enum itt t)
{
	char *v = arena_strndup(lx->x->p->g->a, lx->b.v ? lx->b.v : "",
				lx->b.n);

	if (!v)
		return NOMEM(lx->x);
	return tok_push(lx->x, t, v, lx->b.n);
}

static char closer_of(char c)
{
	return c == '(' ? ')' : c == '[' ? ']' : c == '{' ? '}' :
	       c == '<' ? '>' : c;
}

/* A C-like escape after the backslash at s[i]; returns the index after. */
static size_t c_escape(struct lexer *lx, size_t i, int *err)
{
	const char *s = lx->s;
	size_t n = lx->n, k;
	unsigned long v;
	char c, u8[4];
	int d;

	if (i + 1 >= n) {
		*err = bputc(lx, '\\');
		return i + 1;
	}
	c = s[i + 1];
	i += 2;
	switch (c) {
	case 'n': *err = bputc(lx, '\n'); return i;
	case 't': *err = bputc(lx, '\t'); return i;
	case 'r': *err = bputc(lx, '\r'); return i;
	case 'a': *err = bputc(lx, '\a'); return i;
	case 'b': *err = bputc(lx, '\b'); return i;
	case 'f': *err = bputc(lx, '\f'); return i;
	case 'v': *err = bputc(lx, '\v'); return i;
	case 'e': *err = bputc(lx, '\x1b'); return i;
	case '\n': *err = 0; return i;
	case 'x':
		for (v = 0, k = 0; k < 2 && i < n &&
		     (d = text_hexval(s[i])) >= 0; k++, i++)
			v = v * 16 + (unsigned long)d;
		*err = bputc(lx, (char)v);
		return i;
	case 'u':
		v = 0;
		if (i < n && s[i] == '{') {
			for (i++; i < n && (d = text_hexval(s[i])) >= 0; i++)
				v = (v * 16 + (unsigned long)d) & 0x1fffff;
			if (i < n && s[i] == '}')
				i++;
		} else {
			for (k = 0; k < 4 && i < n &&
			     (d = text_hexval(s[i])) >= 0; k++, i++)
				v = v * 16 + (unsigned long)d;
		}
		k = text_put_utf8(u8, v);
		*err = v < 5 ? bputc(lx, C_UNK) : bput(lx, u8, k);
		return i;
	default:
		break;
	}
	if (c >= '0' && c <= '7') {
		v = (unsigned long)(c - '0');
		for (k = 1; k < 3 && i < n && s[i] >= '0' && s[i] <= '7';
		     k++, i++)
			v = v * 8 + (unsigned long)(s[i] - '0');
		*err = bputc(lx, (char)(v & 0xff));
		return i;
	}
	if (lx->x->L == PY && !strchr("\\'\"", c) &&
	    (*err = bputc(lx, '\\')) < 0)
		return i;
	*err = bputc(lx, c);
	return i;
}

/* End of an embedded expression that starts at s[i] (after "{"): the
 * matching "}", skipping strings. */
static size_t expr_end(const char *s, size_t n, size_t i)
{
	int depth = 1;
	char q = 0;

	for (; i < n; i++) {
		char c = s[i];

		if (q) {
			if (c == '\\')
				i++;
			else if (c == q)
				q = 0;
			continue;
		}
		if (c == '\'' || c == '"' || c == '`')
			q = c;
		else if (c == '{' || c == '(' || c == '[')
			depth++;
		else if ((c == '}' || c == ')' || c == ']') && --depth == 0)
			return i;
	}
	return n;
}

/* Perl/PHP "$name", "${name}", "$h{key}", "$a[0]", "$o->{k}" inside a
 * string at s[i] == '$': the length of the variable expression, 0 if the
 * dollar is literal. */
static size_t var_len(const char *s, size_t n, size_t i)
{
	size_t j = i + 1;

	if (j < n && s[j] == '{') {
		size_t e = expr_end(s, n, j + 1);

		return e < n ? e + 1 - i : 0;
	}
	if (j >= n || !is_ids(s[j]))
		return 0;
	while (j < n && (is_idc(s[j]) || (s[j] == ':' && j + 2 < n &&
					  s[j + 1] == ':' &&
					  is_ids(s[j + 2]))))
		j += s[j] == ':' ? 2 : 1;
	for (;;) {
		size_t k = j;

		if (k + 1 < n && s[k] == '-' && s[k + 1] == '>')
			k += 2;
		if (k < n && (s[k] == '{' || s[k] == '[')) {
			size_t e = expr_end(s, n, k + 1);

			if (e >= n)
				break;
			j = e + 1;
			continue;
		}
		break;
	}
	return j - i;
}

enum qmode {
	Q_RAW = 0,	/* no escapes at all */
	Q_SQ = 1,	/* only \\ and \<quote> (Perl/Ruby/PHP '...') */
	Q_C = 2,	/* C escapes */
	Q_FPY = 4,	/* {expr} (f-string) */
	Q_JS = 8,	/* ${expr} */
	Q_RB = 16,	/* #{expr} */
	Q_VAR = 32,	/* $var (Perl, PHP) */
};

/* A quoted string from s[i] (after the opening delimiter `open`) to its
 * closing delimiter; `triple` for Python's ''' and """. */
static int lex_quoted(struct lexer *lx, char open, unsigned mode,
		      bool triple, enum itt type)
{
	const char *s = lx->s;
	char close = closer_of(open);
	size_t n = lx->n, i = lx->i;
	int depth = 0, err = 0;

	lx->b.n = 0;
	while (i < n && err >= 0) {
		char c = s[i];

		if (triple ? (i + 2 < n && c == close && s[i + 1] == close &&
			      s[i + 2] == close)
			   : (c == close && depth == 0)) {
			i += triple ? 3 : 1;
			break;
		}
		if (c == open && open != close)
			depth++;
		else if (c == close && depth > 0)
			depth--;
		if (c == '\\' && (mode & Q_C)) {
			i = c_escape(lx, i, &err);
			continue;
		}
		if (c == '\\' && i + 1 < n && (mode & Q_SQ) &&
		    (s[i + 1] == '\\' || s[i + 1] == close ||
		     s[i + 1] == open)) {
			err = bputc(lx, s[i + 1]);
			i += 2;
			continue;
		}
		if (c == '\\' && i + 1 < n && mode == Q_RAW) {
			/* Python r'': the backslash stays, the quote too. */
			if ((err = bputc(lx, c)) < 0)
				break;
			err = bputc(lx, s[i + 1]);
			i += 2;
			continue;
		}
		if (((mode & Q_FPY) && c == '{') ||
		    ((mode & Q_JS) && c == '$' && i + 1 < n &&
		     s[i + 1] == '{') ||
		    ((mode & Q_RB) && c == '#' && i + 1 < n &&
		     s[i + 1] == '{')) {
			size_t b = i + (c == '{' ? 1 : 2), e;

			if (c == '{' && i + 1 < n && s[i + 1] == '{') {
				err = bputc(lx, '{');
				i += 2;
				continue;
			}
			e = expr_end(s, n, b);
			if ((err = bput(lx, "\x02", 1)) < 0 ||
			    (err = bput(lx, s + b, e - b)) < 0 ||
			    (err = bput(lx, "\x03", 1)) < 0)
				break;
			i = e < n ? e + 1 : n;
			continue;
		}
		if ((mode & Q_FPY) && c == '}' && i + 1 < n && s[i + 1] == '}') {
			err = bputc(lx, '}');
			i += 2;
			continue;
		}
		if ((mode & Q_VAR) && (c == '$' || c == '@')) {
			size_t k = c == '$' ? var_len(s, n, i) : 0;

			if (c == '@' && lx->x->L == PL && i + 1 < n &&
			    is_ids(s[i + 1]))
				for (k = 1; i + k < n && is_idc(s[i + k]); k++)
					;
			if (k) {
				if ((err = bput(lx, "\x02", 1)) < 0 ||
				    (err = bput(lx, s + i, k)) < 0 ||
				    (err = bput(lx, "\x03", 1)) < 0)
					break;
				i += k;
				continue;
			}
		}
		err = bputc(lx, c);
		i++;
	}
	if (err < 0)
		return err;
	lx->i = i;
	return push_buf(lx, type);
}

/* Whether a '/' (or Ruby '%') here starts a literal rather than an
 * operator: it does after an operator, an opening bracket or nothing. */
static bool at_operand(const struct ictx *x)
{
	const struct itk *t;

	if (!x->nt)
		return true;
	t = &x->t[x->nt - 1];
	if (t->t == IT_OP)
		return !(t->n == 1 && (t->s[0] == ')' || t->s[0] == ']' ||
				       t->s[0] == '}'));
	if (t->t == IT_ID)
		return tk_id(t, "return") || tk_id(t, "split") ||
		       tk_id(t, "grep") || tk_id(t, "if") ||
		       tk_id(t, "unless") || tk_id(t, "and") ||
		       tk_id(t, "or") || tk_id(t, "not");
	return false;
}

/* Skips a regex literal or a Perl m// s/// tr/// y/// qr// at lx->i,
 * which points at the first delimiter; `parts` delimited sections. */
static void skip_delimited(struct lexer *lx, int parts)
{
	const char *s = lx->s;
	size_t n = lx->n, i = lx->i;
	char open = s[i], close = closer_of(open);

	i++;
	while (parts-- > 0 && i < n) {
		int depth = 0;
		bool cls = false;

		for (; i < n; i++) {
			char c = s[i];

			if (c == '\\') {
				i++;
				continue;
			}
			if (open == '/' && c == '[')
				cls = true;
			else if (open == '/' && c == ']')
				cls = false;
			if (cls)
				continue;
			if (c == open && open != close)
				depth++;
			else if (c == close && depth-- == 0)
				break;
		}
		i++;
		if (parts > 0 && open != close) {
			/* s{a}{b}: the second part has its own brackets. */
			while (i < n && (s[i] == ' ' || s[i] == '\t' ||
					 s[i] == '\n'))
				i++;
			if (i < n) {
				open = s[i];
				close = closer_of(open);
				i++;
			}
		}
	}
	while (i < n && is_idc(s[i]))
		i++;
	lx->i = i;
}

static const char *const multi_ops[] = {
	"**=", "...", "===", "!==", "<=>", "//=", ">>=", "<<=",
	"->", "=>", "==", "!=", "<=", ">=", "&&", "||", "::", "+=", "-=",
	"*=", "/=", ".=", "|=", "&=", "=~", "!~", "**", "//", "<<", ">>",
	"?.", ":=", "++", "--", "..", NULL,
};

static int lex_code(struct ictx *x, const char *s, size_t n)
{
	struct lexer lx;
	size_t *stack = NULL, nst = 0, capst = 0;
	int err = 0;

	memset(&lx, 0, sizeof(lx));
	lx.x = x;
	lx.s = s;
	lx.n = n;
	if (x->L == PH && n >= 5 && !memcmp(s, "<?php", 5))
		lx.i = 5;
	while (lx.i < n && err >= 0) {
		size_t i = lx.i, k;
		char c = s[i];
		bool bol = i == 0 || s[i - 1] == '\n';

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v' || c == ';' ) {
			if (c == ';' && (err = tok_push(x, IT_OP, s + i, 1)) < 0)
				break;
			lx.i++;
			continue;
		}
		/* Comments. */
		if ((c == '#' && x->L != JS) ||
		    (c == '/' && i + 1 < n && s[i + 1] == '/' &&
		     (x->L == JS || x->L == PH))) {
			const char *nl = memchr(s + i, '\n', n - i);

			lx.i = nl ? (size_t)(nl - s) : n;
			continue;
		}
		if (c == '/' && i + 1 < n && s[i + 1] == '*' &&
		    (x->L == JS || x->L == PH)) {
			const char *e = NULL;

			for (k = i + 2; k + 1 < n; k++)
				if (s[k] == '*' && s[k + 1] == '/') {
					e = s + k;
					break;
				}
			lx.i = e ? (size_t)(e - s) + 2 : n;
			continue;
		}
		if (bol && c == '=' && (x->L == PL || x->L == RB) && i + 1 < n &&
		    is_ids(s[i + 1])) {
			/* POD, =begin ... =end */
			const char *e = NULL;

			for (k = i; k < n; k++)
				if ((k == 0 || s[k - 1] == '\n') &&
				    (!strncmp(s + k, "=cut", 4) ||
				     !strncmp(s + k, "=end", 4))) {
					e = s + k;
					break;
				}
			if (!e) {
				lx.i = n;
				continue;
			}
			e = memchr(e, '\n', (size_t)(s + n - e));
			lx.i = e ? (size_t)(e - s) : n;
			continue;
		}
		if (bol && (x->L == PL || x->L == RB) &&
		    (!strncmp(s + i, "__END__", 7) ||
		     !strncmp(s + i, "__DATA__", 8)))
			break;
		if (x->L == PH && c == '?' && i + 1 < n && s[i + 1] == '>') {
			lx.i += 2;
			continue;
		}
		/* Strings. */
		if (c == '\'' || c == '"' || (c == '`' && x->L != PY)) {
			unsigned mode;
			bool triple = x->L == PY && i + 2 < n &&
				      s[i + 1] == c && s[i + 2] == c;
			enum itt type = c == '`' && x->L != JS ? IT_CMD : IT_STR;

			if (c == '\'')
				mode = x->L == PY || x->L == JS || x->L == AW
				       ? Q_C : Q_SQ;
			else if (c == '`' && x->L == JS)
				mode = Q_C | Q_JS;
			else if (x->L == PL || x->L == PH)
				mode = Q_C | Q_VAR;
			else if (x->L == RB)
				mode = Q_C | Q_RB;
			else
				mode = Q_C;
			lx.i = i + (triple ? 3 : 1);
			err = lex_quoted(&lx, c, mode, triple, type);
			continue;
		}
		if (x->L == PY && is_ids(c)) {
			/* String prefixes: r b u f and pairs. */
			size_t j = i;
			unsigned mode = Q_C;

			while (j < n && j - i < 2 && strchr("rRbBuUfF", s[j]))
				j++;
			if (j > i && j < n && (s[j] == '\'' || s[j] == '"')) {
				bool triple = j + 2 < n && s[j + 1] == s[j] &&
					      s[j + 2] == s[j];

				for (k = i; k < j; k++) {
					if (s[k] == 'r' || s[k] == 'R')
						mode &= ~(unsigned)Q_C;
					if (s[k] == 'f' || s[k] == 'F')
						mode |= Q_FPY;
				}
				lx.i = j + (triple ? 3 : 1);
				err = lex_quoted(&lx, s[j], mode, triple,
						 IT_STR);
				continue;
			}
		}
		if ((x->L == PL || x->L == RB) && c == '%' && x->L == RB &&
		    at_operand(x) && i + 1 < n) {
			/* %w[] %q() %Q{} %x() %() */
			size_t j = i + 1;
			char kind = 'Q';

			if (strchr("qQwWxi", s[j]) && j + 1 < n &&
			    !is_idc(s[j + 1]) && s[j + 1] != ' ')
				kind = s[j++];
			if (j < n && strchr("([{<|!/", s[j])) {
				lx.i = j + 1;
				err = lex_quoted(&lx, s[j],
						 kind == 'q' || kind == 'w'
						 ? Q_SQ : Q_C | Q_RB, false,
						 kind == 'x' ? IT_CMD :
						 kind == 'w' || kind == 'W' ||
						 kind == 'i' ? IT_QW : IT_STR);
				continue;
			}
		}
		if (c == '/' && x->L != PY && x->L != PH && at_operand(x)) {
			skip_delimited(&lx, 1);
			err = tok_push(x, IT_NUM, "0", 1);
			continue;
		}
		if (c == '$' && (x->L == PL || x->L == PH || x->L == RB) &&
		    i + 1 < n) {
			/* $name, $ENV, $#a, ${...}: one identifier. */
			size_t j = i + 1;

			if (s[j] == '#')
				j++;
			if (j < n && (is_ids(s[j]) || s[j] == '_')) {
				while (j < n && (is_idc(s[j]) ||
				       (x->L == PL && s[j] == ':' &&
					j + 2 < n && s[j + 1] == ':' &&
					is_ids(s[j + 2]))))
					j += s[j] == ':' ? 2 : 1;
				err = tok_push(x, IT_ID, s + i, j - i);
				lx.i = j;
				continue;
			}
			if (j < n && x->L == PL && !is_ids(s[j]) && s[j] != '{') {
				/* $_ $0 $! $@ ... */
				err = tok_push(x, IT_ID, s + i, 2);
				lx.i = i + 2;
				continue;
			}
		}
		if ((c == '@' || c == '%') && x->L == PL && i + 1 < n &&
		    is_ids(s[i + 1]) && (c == '@' || at_operand(x))) {
			size_t j = i + 1;

			while (j < n && is_idc(s[j]))
				j++;
			err = tok_push(x, IT_ID, s + i, j - i);
			lx.i = j;
			continue;
		}
		if (is_ids(c) || ((c == '@') && x->L == RB)) {
			size_t j = i + 1;

			while (j < n && (is_idc(s[j]) ||
			       ((x->L == PL || x->L == RB) && s[j] == ':' &&
				j + 2 < n && s[j + 1] == ':' &&
				is_ids(s[j + 2]))))
				j += s[j] == ':' ? 2 : 1;
			if (x->L == RB && j < n && (s[j] == '?' || s[j] == '!'))
				j++;
			if (x->L == PL && j < n) {
				/* q qq qw qx m s tr y qr with a delimiter */
				size_t w = j - i;
				size_t d = j;

				while (d < n && (s[d] == ' ' || s[d] == '\t'))
					d++;
				if (d < n && !is_idc(s[d]) && !strchr(" \t\n,;)=", s[d]) &&
				    !(s[d] == '=' && d + 1 < n && s[d + 1] == '>') &&
				    ((w == 1 && strchr("qmsy", s[i])) ||
				     (w == 2 && (!strncmp(s + i, "qq", 2) ||
						 !strncmp(s + i, "qw", 2) ||
						 !strncmp(s + i, "qx", 2) ||
						 !strncmp(s + i, "tr", 2) ||
						 !strncmp(s + i, "qr", 2))))) {
					char q0 = s[i], q1 = w == 2 ? s[i + 1] : 0;

					lx.i = d + 1;
					if (q0 == 'q' && q1 == 0)
						err = lex_quoted(&lx, s[d], Q_SQ,
								 false, IT_STR);
					else if (q0 == 'q' && q1 == 'q')
						err = lex_quoted(&lx, s[d],
								 s[d] == '\'' ? Q_SQ :
								 Q_C | Q_VAR, false,
								 IT_STR);
					else if (q0 == 'q' && q1 == 'w')
						err = lex_quoted(&lx, s[d], Q_SQ,
								 false, IT_QW);
					else if (q0 == 'q' && q1 == 'x')
						err = lex_quoted(&lx, s[d],
								 s[d] == '\'' ? Q_SQ :
								 Q_C | Q_VAR, false,
								 IT_CMD);
					else {
						lx.i = d;
						skip_delimited(&lx, q0 == 's' ||
							       q0 == 'y' ||
							       (q0 == 't' &&
								q1 == 'r') ? 2 : 1);
						err = tok_push(x, IT_NUM, "0", 1);
					}
					continue;
				}
			}
			err = tok_push(x, IT_ID, s + i, j - i);
			lx.i = j;
			continue;
		}
		if (c >= '0' && c <= '9') {
			size_t j = i;

			while (j < n && (is_idc(s[j]) || s[j] == '.'))
				j++;
			err = tok_push(x, IT_NUM, s + i, j - i);
			lx.i = j;
			continue;
		}
		for (k = 0; i + 1 < n && multi_ops[k]; k++)
			if (multi_ops[k][0] == c && multi_ops[k][1] == s[i + 1] &&
			    (!multi_ops[k][2] || (i + 2 < n &&
						  multi_ops[k][2] == s[i + 2])))
				break;
		if (i + 1 < n && multi_ops[k]) {
			size_t m = strlen(multi_ops[k]);

			err = tok_push(x, IT_OP, s + i, m);
			lx.i += m;
			continue;
		}
		if ((err = tok_push(x, IT_OP, s + i, 1)) < 0)
			break;
		if (c == '(' || c == '[' || c == '{') {
			size_t *v;

			if (nst >= CV_MAX_INLINE_NESTING)
				return diag_set(x->p->g->d, CV_ETOOBIG,
						"inline code nested deeper than %d",
						CV_MAX_INLINE_NESTING);
			v = arena_grow(x->p->g->a, stack, &capst, sizeof(*v),
				       nst + 1);
			if (!v)
				return NOMEM(x);
			stack = v;
			stack[nst++] = x->nt - 1;
		} else if ((c == ')' || c == ']' || c == '}') && nst) {
			x->t[stack[nst - 1]].match = x->nt - 1;
			x->t[x->nt - 1].match = stack[--nst];
		}
		lx.i++;
	}
	if (err < 0)
		return err;
	while (nst)
		x->t[stack[--nst]].match = x->nt;	/* unclosed: to the end */
	return 0;
}

/* ---- values ---- */

static struct ival v_unk(void)
{
	struct ival v;

	memset(&v, 0, sizeof(v));
	return v;
}

static struct ival v_str(const char *s, size_t n)
{
	struct ival v = v_unk();

	v.k = IV_STR;
	v.s = s;
	v.n = n;
	return v;
}

static struct ival v_name(const char *s, size_t n)
{
	struct ival v = v_str(s, n);

	v.k = IV_NAME;
	return v;
}

/* Text of a value inside a string: known text, or one unknown byte. */
static void v_text(const struct ival *v, const char **s, size_t *n)
{
	static const char unk[] = { C_UNK, 0 };

	if (v->k == IV_STR) {
		*s = v->s;
		*n = v->n;
	} else {
		*s = unk;
		*n = 1;
	}
}

static int cat2(struct ictx *x, const char *a, size_t an, const char *b,
		size_t bn, struct ival *out)
{
	char *r;

	int error;

	if (an + bn > CV_MAX_DECODE_BYTES * 4) {
		*out = v_unk();		/* too much to follow: unknown */
		return 0;
	}
	/* Each value is bounded, but `a = a + a` repeated is not. */
	if ((error = shl_budget(x->p, an + bn)) < 0)
		return error;
	if (!(r = arena_alloc(x->p->g->a, an + bn + 1)))
		return NOMEM(x);
	memcpy(r, a, an);
	memcpy(r + an, b, bn);
	r[an + bn] = '\0';
	*out = v_str(r, an + bn);
	return 0;
}

static int v_concat(struct ictx *x, const struct ival *l,
		    const struct ival *r, struct ival *out)
{
	const char *a, *b;
	size_t an, bn;
	unsigned f = (l->f | r->f) & IVF_GLOB;
	int error;

	if (l->k == IV_NET || l->k == IV_LIST || r->k == IV_LIST) {
		*out = v_unk();
		return 0;
	}
	v_text(l, &a, &an);
	v_text(r, &b, &bn);
	if (an && a[an - 1] == C_UNK && bn == 1 && b[0] == C_UNK) {
		*out = *l;	/* unknown followed by unknown */
		return 0;
	}
	if ((error = cat2(x, a, an, b, bn, out)) < 0)
		return error;
	out->f |= f;
	return 0;
}

/* Path join: an absolute part starts over, a home part too. */
static int v_join(struct ictx *x, const struct ival *l, const struct ival *r,
		  struct ival *out)
{
	const char *a, *b;
	size_t an, bn;
	struct ival t;
	int error;

	v_text(r, &b, &bn);
	if (r->k == IV_STR && bn && (b[0] == '/' || b[0] == C_HOME)) {
		*out = *r;
		return 0;
	}
	v_text(l, &a, &an);
	if (an && a[an - 1] != '/') {
		if ((error = cat2(x, a, an, "/", 1, &t)) < 0)
			return error;
		a = t.s;
		an = t.n;
	}
	if ((error = cat2(x, a, an, b, bn, out)) < 0)
		return error;
	out->f |= (l->f | r->f) & IVF_GLOB;
	return 0;
}

/* "~" and "~/x" at the start become the home directory. */
static int v_expanduser(struct ictx *x, const struct ival *v,
			struct ival *out)
{
	if (v->k == IV_STR && v->n && v->s[0] == '~' &&
	    (v->n == 1 || v->s[1] == '/'))
		return cat2(x, "\x04", 1, v->s + 1, v->n - 1, out);
	*out = *v;
	return 0;
}

static const struct ival *argv_at(const struct iarg *a, size_t na, size_t i,
				  const char *kw)
{
	size_t k, pos = 0;

	for (k = 0; k < na; k++) {
		if (a[k].kw) {
			if (kw && a[k].kwn == strlen(kw) &&
			    !memcmp(a[k].kw, kw, a[k].kwn))
				return &a[k].v;
			continue;
		}
		if (pos++ == i)
			return &a[k].v;
	}
	return NULL;
}

static bool v_is(const struct ival *v, const char *s)
{
	return v && v->k == IV_STR && v->n == strlen(s) &&
	       !memcmp(v->s, s, v->n);
}

/* ---- rendering what code does as shell text ---- */

static int put(struct ictx *x, struct sh_str *b, const char *s, size_t n)
{
	return shl_str_put(x->p, b, s, n);
}

static int put_sq(struct ictx *x, struct sh_str *b, const char *s, size_t n)
{
	size_t i;
	int error;

	if ((error = put(x, b, "'", 1)) < 0)
		return error;
	for (i = 0; i < n; i++)
		if ((error = s[i] == '\'' ? put(x, b, "'\\''", 4)
					  : put(x, b, s + i, 1)) < 0)
			return error;
	return put(x, b, "'", 1);
}

/* A path operand.  Returns 1 when nothing of it is known (written
 * nothing), 0 when written, <0 on error.  An unknown part cuts the path at
 * the directory before it: `os.path.join(r, f)` under os.walk('~/.ssh')
 * deletes inside ~/.ssh, which is judged as ~/.ssh. */
static int put_path(struct ictx *x, struct sh_str *b, const struct ival *v,
		    bool *cut)
{
	const char *s;
	size_t n, i;
	bool home = false;
	int error;

	if (!v || v->k != IV_STR)
		return 1;
	s = v->s;
	n = v->n;
	for (i = 0; i < n && s[i] != C_UNK && s[i] != C_IPB; i++)
		if (s[i] == C_HOME && i > 0)
			break;
	if (i < n) {
		if (cut)
			*cut = true;
		n = i;
		while (n > 0 && s[n - 1] != '/' && s[n - 1] != C_HOME)
			n--;
		while (n > 1 && s[n - 1] == '/')
			n--;
	}
	if (n && s[0] == C_HOME) {
		home = true;
		s++;
		n--;
	}
	if (!home && (n == 0 || (n == 1 && s[0] == '.') ||
		      (n == 2 && s[0] == '.' && s[1] == '/')))
		return 1;
	if (home && (error = put(x, b, "~", 1)) < 0)
		return error;
	if (!n)
		return 0;
	if (home && s[0] != '/' && (error = put(x, b, "/", 1)) < 0)
		return error;
	if (!(v->f & IVF_GLOB))
		return put_sq(x, b, s, n);
	for (i = 0; i < n; i++) {
		if (!strchr("*?[]", s[i]) &&
		    (error = put(x, b, "\\", 1)) < 0)
			return error;
		if ((error = put(x, b, s + i, 1)) < 0)
			return error;
	}
	return 0;
}

static int emit_text(struct ictx *x, const char *text, size_t n)
{
	return shp_parse_sub(x->p, text, n, &x->via, &x->s->input_from);
}

/* A subject the rules ask about: what the code runs or deletes is
 * computed at run time. */
static int emit_marker(struct ictx *x, const char *marker)
{
	struct sh_str b = { NULL, 0, 0 };
	int error;

	if ((error = put(x, &b, marker, strlen(marker))) < 0 ||
	    (error = put(x, &b, " ", 1)) < 0 ||
	    (error = put_sq(x, &b, x->s->program, strlen(x->s->program))) < 0)
		return error;
	return emit_text(x, b.v, b.n);
}

/* A command line given as a string: known text as it is, the home
 * directory as $HOME, an unknown part as a variable (and a marker). */
static int emit_cmdline(struct ictx *x, const struct ival *v)
{
	struct sh_str b = { NULL, 0, 0 };
	bool unk = false;
	size_t i;
	int error;

	if (!v || v->k != IV_STR)
		return emit_marker(x, SH_MARK_EXEC);
	for (i = 0; i < v->n; i++) {
		char c = v->s[i];

		if (c == C_HOME)
			error = put(x, &b, "$HOME", 5);
		else if (c == C_UNK || c == C_IPB || c == C_IPE) {
			unk = true;
			error = c == C_UNK ? put(x, &b, "\"$CCVETO_UNKNOWN\"",
						 17) : 0;
		} else
			error = put(x, &b, &c, 1);
		if (error < 0)
			return error;
	}
	if (unk && (error = emit_marker(x, SH_MARK_EXEC)) < 0)
		return error;
	return emit_text(x, b.v ? b.v : "", b.n);
}

/* An argv: each known word quoted, the home directory kept. */
static int emit_argv(struct ictx *x, const struct ival *w, size_t nw)
{
	struct sh_str b = { NULL, 0, 0 };
	size_t i;
	int error;

	if (!nw || w[0].k != IV_STR)
		return emit_marker(x, SH_MARK_EXEC);
	for (i = 0; i < nw; i++) {
		struct ival one = w[i];

		if (i && (error = put(x, &b, " ", 1)) < 0)
			return error;
		one.f &= ~IVF_GLOB;
		if (one.k == IV_STR && memchr(one.s, C_UNK, one.n) == NULL &&
		    (one.n == 0 || one.s[0] != C_HOME)) {
			if ((error = put_sq(x, &b, one.s, one.n)) < 0)
				return error;
			continue;
		}
		if ((error = put_path(x, &b, &one, NULL)) < 0)
			return error;
		if (error == 1 &&
		    (error = put(x, &b, "\"$CCVETO_UNKNOWN\"", 17)) < 0)
			return error;
	}
	return emit_text(x, b.v, b.n);
}

/* `rm -rf P`, `cat P`, `: > P`, `cp A B` ... for one file operation. */
static int emit_fileop(struct ictx *x, enum iop op, const struct ival *a,
		       const struct ival *b2)
{
	struct sh_str b = { NULL, 0, 0 };
	const char *pre, *mid = NULL;
	bool destroy = op != OP_READ && op != OP_COPY, cut = false;
	int error;

	switch (op) {
	case OP_RMTREE: pre = "rm -rf -- "; break;
	case OP_RM: pre = "rm -f -- "; break;
	case OP_RMDIR: pre = "rmdir -- "; break;
	case OP_READ: pre = "cat -- "; break;
	case OP_WRITE: pre = ": > "; break;
	case OP_APPEND: pre = ": >> "; break;
	case OP_COPY: pre = "cp -r -- "; mid = " "; break;
	case OP_MOVE: pre = "mv -- "; mid = " "; break;
	default: return 0;
	}
	if (a && a->k == IV_NET)
		return 0;
	if ((error = put(x, &b, pre, strlen(pre))) < 0)
		return error;
	if ((error = put_path(x, &b, a, &cut)) < 0)
		return error;
	if (error == 1)
		return destroy ? emit_marker(x, SH_MARK_PATH) : 0;
	if (cut && op == OP_RM) {
		/* Something inside the directory is deleted. */
		b.n = 0;
		if ((error = put(x, &b, "rm -rf -- ", 10)) < 0 ||
		    (error = put_path(x, &b, a, NULL)) < 0)
			return error;
	}
	if (mid) {
		if ((error = put(x, &b, mid, 1)) < 0 ||
		    (error = put_path(x, &b, b2, NULL)) < 0)
			return error;
		if (error == 1) {
			/* The destination is unknown: a copy of a secret
			 * is still a read of it, a move still a delete. */
			b.n -= 1;
			if (op == OP_MOVE)
				return emit_fileop(x, OP_RMTREE, a, NULL);
			return emit_fileop(x, OP_READ, a, NULL);
		}
	}
	return emit_text(x, b.v, b.n);
}

/* ---- evaluation ---- */

static int ev_expr(struct ictx *x, struct ival *out);
static int ev_range(struct ictx *x, size_t end, bool stop_comma);
static int analyse(struct sh_src *p, struct subject *s, unsigned L,
		   const char *code, size_t n, int level);

static const struct ival *var_get(const struct ictx *x, const char *s,
				  size_t n)
{
	size_t i;

	for (i = x->nvars; i-- > 0;)
		if (x->vars[i].n == n && !memcmp(x->vars[i].name, s, n))
			return &x->vars[i].v;
	return NULL;
}

static int var_set(struct ictx *x, const char *s, size_t n,
		   const struct ival *v)
{
	struct ivar *nv;
	size_t i;

	for (i = 0; i < x->nvars; i++)
		if (x->vars[i].n == n && !memcmp(x->vars[i].name, s, n)) {
			x->vars[i].v = *v;
			return 0;
		}
	if (x->nvars >= CV_MAX_INLINE_VARS) {
		if (!x->vars_lost) {
			x->vars_lost = true;
			return emit_marker(x, SH_MARK_EXEC);
		}
		return 0;
	}
	nv = arena_grow(x->p->g->a, x->vars, &x->capvars, sizeof(*nv),
			x->nvars + 1);
	if (!nv)
		return NOMEM(x);
	x->vars = nv;
	nv[x->nvars].name = s;
	nv[x->nvars].n = n;
	nv[x->nvars].v = *v;
	x->nvars++;
	return 0;
}

/* The value of a string token: interpolated parts evaluated. */
static int ev_string(struct ictx *x, const struct itk *t, struct ival *out)
{
	struct sh_str b = { NULL, 0, 0 };
	size_t i = 0, e;
	int error;

	if (!memchr(t->s, C_IPB, t->n)) {
		*out = v_str(t->s, t->n);
		return 0;
	}
	while (i < t->n) {
		const char *pe;

		if (t->s[i] != C_IPB) {
			if ((error = put(x, &b, t->s + i, 1)) < 0)
				return error;
			i++;
			continue;
		}
		pe = memchr(t->s + i, C_IPE, t->n - i);
		e = pe ? (size_t)(pe - t->s) : t->n;
		{
			struct ictx sub;
			struct ival v;
			const char *ts;
			size_t tn;

			memset(&sub, 0, sizeof(sub));
			sub.p = x->p;
			sub.s = x->s;
			sub.L = x->L;
			sub.vars = x->vars;
			sub.nvars = sub.capvars = x->nvars;
			sub.depth = x->depth + 1;
			sub.level = x->level;
			sub.via = x->via;
			if (sub.depth > CV_MAX_INLINE_NESTING)
				return diag_set(x->p->g->d, CV_ETOOBIG,
						"inline code nested deeper than %d",
						CV_MAX_INLINE_NESTING);
			if ((error = lex_code(&sub, t->s + i + 1,
					      e - i - 1)) < 0)
				return error;
			sub.lim = sub.nt;
			if ((error = ev_expr(&sub, &v)) < 0)
				return error;
			v_text(&v, &ts, &tn);
			if ((error = put(x, &b, ts, tn)) < 0)
				return error;
		}
		i = e + 1;
	}
	*out = v_str(b.v ? b.v : "", b.n);
	return 0;
}

/* Names as one dotted spelling: Perl's "::" and "->" are ".", Node's
 * module paths are their package ("fs/promises", "node:fs" -> "fs"). */
static int name_join(struct ictx *x, const struct ival *base, const char *s,
		     size_t n, struct ival *out)
{
	int error;

	if ((error = cat2(x, base->s, base->n, ".", 1, out)) < 0 ||
	    (error = cat2(x, out->s, out->n, s, n, out)) < 0)
		return error;
	out->k = IV_NAME;
	if (out->n == 11 && !memcmp(out->s, "fs.promises", 11))
		*out = v_name("fs", 2);
	return 0;
}

static int module_name(struct ictx *x, const struct ival *v, struct ival *out)
{
	const char *s;
	size_t n, i;
	char *r;

	if (!v || v->k != IV_STR) {
		*out = v_unk();
		return 0;
	}
	s = v->s;
	n = v->n;
	if (n > 5 && !memcmp(s, "node:", 5)) {
		s += 5;
		n -= 5;
	}
	if (n == 11 && !memcmp(s, "fs/promises", 11))
		n = 2;
	if (n == 8 && !memcmp(s, "fs-extra", 8))
		n = 2;
	if (!(r = arena_strndup(x->p->g->a, s, n)))
		return NOMEM(x);
	for (i = 0; i < n; i++)
		if (r[i] == ':' || r[i] == '/')
			r[i] = '.';
	*out = v_name(r, n);
	return 0;
}

static int canon_ident(struct ictx *x, const struct itk *t, struct ival *out)
{
	char *r;
	size_t i, o = 0;

	if (!memchr(t->s, ':', t->n)) {
		*out = v_name(t->s, t->n);
		return 0;
	}
	if (!(r = arena_alloc(x->p->g->a, t->n + 1)))
		return NOMEM(x);
	for (i = 0; i < t->n; i++) {
		if (t->s[i] == ':' && i + 1 < t->n && t->s[i + 1] == ':') {
			r[o++] = '.';
			i++;
			continue;
		}
		r[o++] = t->s[i];
	}
	r[o] = '\0';
	*out = v_name(r, o);
	return 0;
}

#define NAPIS (sizeof(apis) / sizeof(apis[0]))

/* The table chained by the last character of each name, built once:
 * a call looks at the few entries that can match, not at all of them. */
static const struct iapi *api_find(unsigned L, const struct ival *name,
				   const char *meth, size_t mn)
{
	static short head[256], next[NAPIS];
	static unsigned char len[NAPIS];
	static bool ready;
	const char *last = meth ? meth + mn : name->s + name->n;
	int i;

	if (!ready) {
		for (i = 0; i < 256; i++)
			head[i] = -1;
		for (i = (int)NAPIS - 1; i >= 0; i--) {
			unsigned char c;

			len[i] = (unsigned char)strlen(apis[i].name);
			c = (unsigned char)apis[i].name[len[i] - 1];
			next[i] = head[c];
			head[c] = (short)i;
		}
		ready = true;
	}
	if (!meth && name->k != IV_NAME)
		return NULL;
	if (last == (meth ? meth : name->s))
		return NULL;
	for (i = head[(unsigned char)last[-1]]; i >= 0; i = next[i]) {
		const struct iapi *e = &apis[i];
		size_t en = len[i];

		if (!(e->langs & L))
			continue;
		if (meth) {
			if (e->name[0] == '.' && en == mn + 1 &&
			    !memcmp(e->name + 1, meth, mn))
				return e;
			continue;
		}
		if (e->name[0] == '.')
			continue;
		if (name->n == en && !memcmp(name->s, e->name, en))
			return e;
		if (strchr(e->name, '.') && name->n > en &&
		    name->s[name->n - en - 1] == '.' &&
		    !memcmp(name->s + name->n - en, e->name, en))
			return e;
	}
	return NULL;
}

static int decode_val(struct ictx *x, enum iop op, const struct ival *v,
		      struct ival *out)
{
	const char *r = NULL;
	size_t n = 0;

	int error;

	*out = v_unk();
	if (!v || v->k != IV_STR || memchr(v->s, C_UNK, v->n))
		return 0;
	/* The output is at most as long as the input, made again per call. */
	if ((error = shl_budget(x->p, v->n)) < 0)
		return error;
	switch (op) {
	case V_B64: r = shd_base64(x->p->g->a, v->s, v->n, &n); break;
	case V_HEX: r = shd_hex(x->p->g->a, v->s, v->n, &n); break;
	case V_ROT13: r = shd_rot13(x->p->g->a, v->s, v->n); n = v->n; break;
	case V_REV:
		if (!(r = arena_alloc(x->p->g->a, v->n + 1)))
			return NOMEM(x);
		for (n = 0; n < v->n; n++)
			((char *)r)[n] = v->s[v->n - 1 - n];
		((char *)r)[n] = '\0';
		break;
	default: break;
	}
	if (r)
		*out = v_str(r, n);
	return 0;
}

/* Applies a call.  `recv` is the value a method is called on (argument 0
 * of table entries named ".x"), NULL for a plain call. */
static int ev_apply(struct ictx *x, const struct iapi *e, struct iarg *a,
		    size_t na, struct ival *out)
{
	const struct ival *a0 = argv_at(a, na, 0, NULL);
	const struct ival *a1 = argv_at(a, na, 1, NULL);
	struct ival t;
	size_t k, pos;
	int error = 0;

	*out = v_unk();
	switch (e->op) {
	case OP_SHELL:
		if (a0 && a0->k == IV_LIST)
			return emit_argv(x, a0->v, a0->nv);
		return emit_cmdline(x, a0);
	case OP_SYSTEM:
		if (na == 1 && a0 && a0->k == IV_LIST)
			return emit_argv(x, a0->v, a0->nv);
		if (na <= 1)
			return emit_cmdline(x, a0);
		/* fall through */
	case OP_VARGV: {
		struct ival *w = arena_calloc(x->p->g->a, na + 1, sizeof(*w));

		if (!w)
			return NOMEM(x);
		for (k = pos = 0; k < na; k++) {
			if (a[k].kw)
				continue;
			if (a[k].v.k == IV_LIST) {
				/* Ruby system(*argv), spawn(cmd, [args]) */
				w[pos++] = v_unk();
				continue;
			}
			w[pos++] = a[k].v;
		}
		return emit_argv(x, w, pos);
	}
	case OP_ARGV: {
		struct ival *w;

		if (a1 && a1->k != IV_LIST && e->langs == JS)
			return emit_cmdline(x, a0);	/* spawn(cmd, {shell}) */
		if (!a1)
			return emit_cmdline(x, a0);
		w = arena_calloc(x->p->g->a, a1->nv + 2, sizeof(*w));
		if (!w)
			return NOMEM(x);
		w[0] = a0 ? *a0 : v_unk();
		if (a1->k != IV_LIST)
			return emit_argv(x, w, 1);
		/* os.execv(path, [argv0, ...]): argv0 repeats the name. */
		k = e->langs == PY && a1->nv ? 1 : 0;
		for (pos = 1; k < a1->nv; k++)
			w[pos++] = a1->v[k];
		return emit_argv(x, w, pos);
	}
	case OP_EVAL:
		if (e->langs & JS && !strcmp(e->name, "Function"))
			a0 = na ? &a[na - 1].v : NULL;
		if (a0 && a0->k == IV_NET) {
			struct sh_str b = { NULL, 0, 0 };

			if ((error = put(x, &b, "curl -fsSL ", 11)) < 0 ||
			    (error = put_sq(x, &b, a0->s, a0->n)) < 0 ||
			    (error = put(x, &b, " | ", 3)) < 0 ||
			    (error = put_sq(x, &b, x->s->program,
					    strlen(x->s->program))) < 0)
				return error;
			return emit_text(x, b.v, b.n);
		}
		if (a0 && a0->k == IV_STR && !memchr(a0->s, C_UNK, a0->n))
			return analyse(x->p, x->s, x->L, a0->s, a0->n,
				       x->level + 1);
		return 0;
	case OP_RMTREE: case OP_RM: case OP_RMDIR: case OP_READ:
	case OP_WRITE: case OP_APPEND:
		if (!(e->flags & A_ALL))
			return emit_fileop(x, e->op, a0, NULL);
		for (k = 0; k < na; k++)
			if (!a[k].kw && (error = a[k].v.k == IV_LIST
					 ? 0 : emit_fileop(x, e->op, &a[k].v,
							   NULL)) < 0)
				return error;
		if (!na)
			return emit_marker(x, SH_MARK_PATH);
		return 0;
	case OP_COPY: case OP_MOVE:
		return emit_fileop(x, e->op, a0, a1);
	case OP_OPEN: {
		const struct ival *m = a1 ? a1 : argv_at(a, na, 99, "mode");
		bool w = m && m->k == IV_STR &&
			 (memchr(m->s, 'w', m->n) || memchr(m->s, 'a', m->n) ||
			  memchr(m->s, 'x', m->n) || memchr(m->s, '+', m->n));

		if (a0 && a0->k == IV_STR && a0->n > 4 &&
		    !memcmp(a0->s, "http", 4)) {
			*out = *a0;
			out->k = IV_NET;
			return 0;
		}
		return emit_fileop(x, w ? (memchr(m->s, 'a', m->n) ? OP_APPEND
					   : OP_WRITE) : OP_READ, a0, NULL);
	}
	case OP_PLOPEN: {
		const struct ival *m = a1, *path = argv_at(a, na, 2, NULL);

		if (m && m->k == IV_STR && path) {
			if (memchr(m->s, '|', m->n)) {
				if (path->k == IV_LIST || na > 3)
					return ev_apply(x, &(struct iapi){ "", PL, OP_VARGV, 0 },
							a + 2, na - 2, out);
				return emit_cmdline(x, path);
			}
			return emit_fileop(x, memchr(m->s, '>', m->n) ||
						 memchr(m->s, '+', m->n)
					   ? OP_WRITE : OP_READ, path, NULL);
		}
		if (m && m->k == IV_STR) {
			const char *s = m->s;
			size_t n = m->n;
			bool wr = false;

			while (n && (s[0] == ' '))
				s++, n--;
			while (n && s[n - 1] == ' ')
				n--;
			if (n && (s[0] == '|' || s[n - 1] == '|')) {
				t = v_str(s[0] == '|' ? s + 1 : s, n - 1);
				return emit_cmdline(x, &t);
			}
			while (n && (s[0] == '<' || s[0] == '>' ||
				     s[0] == '+' || s[0] == ' ')) {
				wr |= s[0] == '>' || s[0] == '+';
				s++, n--;
			}
			t = v_str(s, n);
			t.f = m->f;
			return emit_fileop(x, wr ? OP_WRITE : OP_READ, &t,
					   NULL);
		}
		return 0;
	}
	case OP_FETCH:
		if (a0 && a0->k == IV_STR) {
			*out = *a0;
			out->k = IV_NET;
		}
		return 0;
	case V_HOME:
		*out = v_str("\x04", 1);
		return 0;
	case V_CWD:
		/* The session's directory: in-project paths stay quiet. */
		if (x->p->g->env->cwd && x->p->g->env->cwd[0] == '/')
			*out = v_str(x->p->g->env->cwd,
				     strlen(x->p->g->env->cwd));
		else
			*out = v_str(".", 1);
		return 0;
	case V_TMP:
		*out = v_str("/tmp", 4);
		return 0;
	case V_MKTMP:
		/* a new directory in the scratch one, as mktemp -d */
		*out = v_str("/tmp/tmp.XXXXXXXXXX", 19);
		return 0;
	case V_GETENV:
		if (v_is(a0, "HOME") || v_is(a0, "USERPROFILE"))
			*out = v_str("\x04", 1);
		else if (v_is(a0, "TMPDIR"))
			*out = v_str("/tmp", 4);
		else if (a1)
			*out = *a1;
		return 0;
	case V_EXPANDUSER:
		return a0 ? v_expanduser(x, a0, out) : 0;
	case V_JOIN:
		if (!a0)
			return 0;
		*out = *a0;
		for (k = 1; k < na; k++)
			if (!a[k].kw && (error = v_join(x, out, &a[k].v,
							out)) < 0)
				return error;
		return 0;
	case V_ID:
		if (a0 && a0->k != IV_NAME)
			*out = *a0;
		if (!strcmp(e->name, "Path") && a0 && na > 1)
			return ev_apply(x, &(struct iapi){ "", PY, V_JOIN, 0 },
					a, na, out);
		return 0;
	case V_MODULE:
		return module_name(x, a0, out);
	case V_B64: case V_HEX: case V_ROT13: case V_REV:
		return decode_val(x, e->op, a0, out);
	case V_CODECS:
		if (v_is(a1, "rot13") || v_is(a1, "rot_13"))
			return decode_val(x, V_ROT13, a0, out);
		if (v_is(a1, "hex"))
			return decode_val(x, V_HEX, a0, out);
		if (v_is(a1, "base64"))
			return decode_val(x, V_B64, a0, out);
		return 0;
	case V_BUFFER:
		if (v_is(a1, "base64"))
			return decode_val(x, V_B64, a0, out);
		if (v_is(a1, "hex"))
			return decode_val(x, V_HEX, a0, out);
		if (!a1 && a0)
			*out = *a0;
		return 0;
	case V_PACK:
		if (v_is(a0, "H*") || v_is(a0, "H"))
			return decode_val(x, V_HEX, a1, out);
		return 0;
	case V_UNPACK:
		if (v_is(a1, "m") || v_is(a1, "m0"))
			return decode_val(x, V_B64, a0, out);
		return 0;
	case V_TOSTRING:
		if (a0 && a0->k == IV_STR)
			*out = *a0;
		return 0;
	case V_SPLIT:
		if (a0 && a0->k == IV_STR && v_is(a1, "")) {
			*out = *a0;
			out->f |= IVF_CHARS;
		}
		return 0;
	case V_JOINM:
		if (x->L == JS && a0 && (a0->f & IVF_CHARS) &&
		    (v_is(a1, "") || !a1)) {
			*out = *a0;
			out->f &= ~IVF_CHARS;
		} else if (x->L == PY && a0 && a0->k == IV_STR && a1 &&
			   a1->k == IV_LIST) {
			struct ival acc = v_str("", 0);

			for (k = 0; k < a1->nv; k++) {
				if (k && (error = v_concat(x, &acc, a0,
							   &acc)) < 0)
					return error;
				if ((error = v_concat(x, &acc, &a1->v[k],
						      &acc)) < 0)
					return error;
			}
			*out = acc;
		}
		return 0;
	case V_FORMAT: {
		struct ival acc = v_str("", 0);
		size_t i, argi = 1;

		if (!a0 || a0->k != IV_STR)
			return 0;
		for (i = 0; i < a0->n; i++) {
			const struct ival *v;
			const char *c = a0->s + i;

			if (*c == '{' && i + 1 < a0->n && c[1] == '{') {
				i++;
				t = v_str("{", 1);
			} else if (*c == '{') {
				const char *cl = memchr(c, '}', a0->n - i);

				if (!cl)
					return 0;
				v = argv_at(a, na, argi++, NULL);
				i = (size_t)(cl - a0->s);
				t = v ? *v : v_unk();
			} else {
				t = v_str(c, 1);
			}
			if ((error = v_concat(x, &acc, &t, &acc)) < 0)
				return error;
		}
		*out = acc;
		return 0;
	}
	case V_REPLACE:
		/* Replacing is not followed: the result is known only when
		 * the text has nothing to replace. */
		if (a0 && a0->k == IV_STR && a1 && a1->k == IV_STR && a1->n) {
			for (k = 0; k + a1->n <= a0->n; k++)
				if (!memcmp(a0->s + k, a1->s, a1->n))
					return 0;
			*out = *a0;
		}
		return 0;
	case V_THEN:
		if (a0 && a0->k == IV_NET) {
			for (k = 1; k < na; k++)
				if (a[k].v.k == IV_NAME &&
				    ((a[k].v.n == 4 &&
				      !memcmp(a[k].v.s, "eval", 4)) ||
				     (a[k].v.n == 8 &&
				      !memcmp(a[k].v.s, "Function", 8))))
					return ev_apply(x, &(struct iapi){
						"eval", JS, OP_EVAL, 0 },
						a, 1, out);
			*out = *a0;
		}
		return 0;
	case V_WALK:
		if (a0 && a0->k == IV_STR &&
		    (error = cat2(x, a0->s, a0->n, "/\x01", 2, out)) == 0)
			out->f |= IVF_ELEM;
		return error;
	case V_GLOB:
		if (a0 && a0->k == IV_STR && x->L != PY &&
		    (error = v_expanduser(x, a0, &t)) == 0)
			a0 = &t;	/* Perl's and Ruby's glob expand ~ */
		if (error < 0)
			return error;
		if (a0 && a0->k == IV_STR) {
			if (na > 1 && a[1].v.k == IV_STR && !a[1].kw) {
				/* Path(d).glob(pat) */
				if ((error = v_join(x, a0, &a[1].v, out)) < 0)
					return error;
			} else {
				*out = *a0;
			}
			out->f |= IVF_GLOB | IVF_ELEM;
		}
		return 0;
	case V_LISTDIR:
		return 0;
	}
	return 0;
}

/* A bracketed list of arguments at x->pos (an opening bracket).  After
 * it x->pos is past the closing one. */
static int ev_args(struct ictx *x, struct iarg **outa, size_t *outn)
{
	size_t close = x->t[x->pos].match, save_lim = x->lim, cap = 0;
	struct iarg *a = NULL;
	size_t n = 0;
	int error;

	if (close > x->lim)
		close = x->lim;
	x->pos++;
	x->lim = close;
	if (x->L == PY) {
		/* [f(p) for p in xs]: the loop binds p before f(p) runs. */
		size_t k, body = x->pos;

		for (k = x->pos; k < close; k++) {
			if (tk_op(&x->t[k], "(") || tk_op(&x->t[k], "[") ||
			    tk_op(&x->t[k], "{")) {
				k = x->t[k].match < close ? x->t[k].match
							  : close;
				continue;
			}
			if (tk_id(&x->t[k], "for"))
				break;
		}
		if (k < close && k > body) {
			x->pos = k;
			if ((error = ev_range(x, close, false)) < 0)
				return error;
			x->pos = body;
			x->lim = k;
			if ((error = ev_range(x, k, false)) < 0)
				return error;
			x->lim = save_lim;
			x->pos = close < x->lim ? close + 1 : x->lim;
			*outa = NULL;
			*outn = 0;
			return 0;
		}
	}
	while (x->pos < close) {
		const struct itk *t = peek(x, 0);
		struct iarg *na;
		size_t start = x->pos;
		const char *kw = NULL;
		size_t kwn = 0;

		if (tk_op(t, ",") || tk_op(t, "=>") || tk_op(t, ";")) {
			x->pos++;
			continue;
		}
		if (x->L == PY && t->t == IT_ID && tk_op(peek(x, 1), "=")) {
			kw = t->s;
			kwn = t->n;
			x->pos += 2;
		}
		na = arena_grow(x->p->g->a, a, &cap, sizeof(*na), n + 1);
		if (!na)
			return NOMEM(x);
		a = na;
		memset(&a[n], 0, sizeof(a[n]));
		a[n].kw = kw;
		a[n].kwn = kwn;
		if ((error = ev_expr(x, &a[n].v)) < 0)
			return error;
		n++;
		if (x->pos == start)
			x->pos++;
		/* Whatever else is in this argument (a lambda body, a
		 * comprehension) is still scanned for calls. */
		if (x->pos < close && !tk_op(peek(x, 0), ",") &&
		    (error = ev_range(x, close, true)) < 0)
			return error;
	}
	x->lim = save_lim;
	x->pos = close < x->lim ? close + 1 : x->lim;
	*outa = a;
	*outn = n;
	return 0;
}

static int ev_call(struct ictx *x, const struct ival *callee,
		   const struct ival *recv, const char *meth, size_t mn,
		   struct iarg *a, size_t na, struct ival *out)
{
	const struct iapi *e;
	struct iarg *all;

	*out = v_unk();
	if (recv) {
		if (recv->k == IV_NAME) {
			struct ival full;
			int error;

			if ((error = name_join(x, recv, meth, mn, &full)) < 0)
				return error;
			return ev_call(x, &full, NULL, NULL, 0, a, na, out);
		}
		if (recv->k == IV_NET) {
			/* .read() .text() .json() of a download */
			if (mn == 4 && !memcmp(meth, "then", 4))
				goto method;
			*out = *recv;
			return 0;
		}
method:
		if (!(e = api_find(x->L, NULL, meth, mn)))
			return 0;
		all = arena_calloc(x->p->g->a, na + 1, sizeof(*all));
		if (!all)
			return NOMEM(x);
		all[0].v = *recv;
		if (na)
			memcpy(all + 1, a, na * sizeof(*a));
		return ev_apply(x, e, all, na + 1, out);
	}
	if (!callee || callee->k != IV_NAME)
		return 0;
	if (!(e = api_find(x->L, callee, NULL, 0)))
		return 0;
	return ev_apply(x, e, a, na, out);
}

static bool is_bare_call(const struct itk *t)
{
	size_t i;

	for (i = 0; bare_calls[i]; i++)
		if (tk_idn(t, bare_calls[i], strlen(bare_calls[i])))
			return true;
	return false;
}

/* Tokens that can start an operand. */
static bool starts_operand(const struct itk *t)
{
	return t->t == IT_STR || t->t == IT_ID || t->t == IT_NUM ||
	       t->t == IT_CMD || t->t == IT_QW ||
	       tk_op(t, "(") || tk_op(t, "[") || tk_op(t, "$");
}

static int ev_postfix(struct ictx *x, struct ival *v);

static int ev_primary(struct ictx *x, struct ival *out)
{
	const struct itk *t = peek(x, 0);
	int error;

	*out = v_unk();
	if (++x->depth > CV_MAX_INLINE_NESTING)
		return diag_set(x->p->g->d, CV_ETOOBIG,
				"inline code nested deeper than %d",
				CV_MAX_INLINE_NESTING);
	switch (t->t) {
	case IT_STR:
		if ((error = ev_string(x, t, out)) < 0)
			break;
		x->pos++;
		/* Python and C-style adjacent literals are one string. */
		while (x->L == PY && peek(x, 0)->t == IT_STR) {
			struct ival r;

			if ((error = ev_string(x, peek(x, 0), &r)) < 0 ||
			    (error = v_concat(x, out, &r, out)) < 0)
				break;
			x->pos++;
		}
		break;
	case IT_CMD: {
		struct ival c;

		if ((error = ev_string(x, t, &c)) < 0)
			break;
		x->pos++;
		error = emit_cmdline(x, &c);
		break;
	}
	case IT_QW: {
		size_t i = 0, cap = 0;

		out->k = IV_LIST;
		error = 0;
		while (i < t->n) {
			size_t j;
			struct ival *nv;

			while (i < t->n && strchr(" \t\n", t->s[i]))
				i++;
			for (j = i; j < t->n && !strchr(" \t\n", t->s[j]); j++)
				;
			if (j == i)
				break;
			nv = arena_grow(x->p->g->a, out->v, &cap, sizeof(*nv),
					out->nv + 1);
			if (!nv) {
				error = NOMEM(x);
				break;
			}
			out->v = nv;
			out->v[out->nv++] = v_str(t->s + i, j - i);
			i = j;
		}
		x->pos++;
		break;
	}
	case IT_NUM:
		*out = v_str(t->s, t->n);
		x->pos++;
		error = 0;
		break;
	case IT_ID: {
		const struct ival *v;

		if (tk_id(t, "True") || tk_id(t, "False") ||
		    tk_id(t, "None") || tk_id(t, "null") ||
		    tk_id(t, "undefined") || tk_id(t, "true") ||
		    tk_id(t, "false") || tk_id(t, "nil") ||
		    tk_id(t, "lambda") || tk_id(t, "function")) {
			x->pos++;
			error = 0;
			break;
		}
		if (x->L == PL && (tk_id(t, "$ENV") || tk_id(t, "%ENV"))) {
			*out = v_name("ENV", 3);
			x->pos++;
			error = 0;
			break;
		}
		if (x->L == PH && tk_id(t, "$_SERVER")) {
			*out = v_name("ENV", 3);
			x->pos++;
			error = 0;
			break;
		}
		error = 0;
		if ((v = var_get(x, t->s, t->n)))
			*out = *v;
		else if ((error = canon_ident(x, t, out)) < 0)
			break;
		x->pos++;
		/* Perl and Ruby: `system "x"` without parentheses. */
		if ((x->L == PL || x->L == RB) && !v && is_bare_call(t) &&
		    starts_operand(peek(x, 0)) && !tk_op(peek(x, 0), "(")) {
			struct iarg *a = NULL;
			size_t na = 0, cap = 0;
			struct ival callee = *out;

			while (x->pos < x->lim) {
				const struct itk *u = peek(x, 0);
				struct iarg *nv;
				size_t st = x->pos;

				if (tk_op(u, ";") || tk_op(u, "}") ||
				    tk_op(u, ")") || tk_id(u, "or") ||
				    tk_id(u, "and") || tk_id(u, "if") ||
				    tk_id(u, "unless") || tk_op(u, "||") ||
				    tk_op(u, "&&"))
					break;
				if (tk_op(u, ",") || tk_op(u, "=>")) {
					x->pos++;
					continue;
				}
				if (na && !tk_op(&x->t[x->pos - 1], ","))
					break;
				nv = arena_grow(x->p->g->a, a, &cap,
						sizeof(*nv), na + 1);
				if (!nv)
					return NOMEM(x);
				a = nv;
				memset(&a[na], 0, sizeof(a[na]));
				if ((error = ev_expr(x, &a[na].v)) < 0)
					return error;
				na++;
				if (x->pos == st)
					break;
			}
			if (tk_id(t, "print") || tk_id(t, "printf") ||
			    tk_id(t, "puts"))
				break;
			error = ev_call(x, &callee, NULL, NULL, 0, a, na, out);
		}
		break;
	}
	case IT_OP:
		if (tk_op(t, "(") || tk_op(t, "[")) {
			struct iarg *a;
			size_t na, k;
			bool list = tk_op(t, "[");

			if ((error = ev_args(x, &a, &na)) < 0)
				break;
			if (!list && na == 1) {
				*out = a[0].v;
				break;
			}
			out->k = IV_LIST;
			out->v = arena_calloc(x->p->g->a, na + 1,
					      sizeof(*out->v));
			if (!out->v) {
				error = NOMEM(x);
				break;
			}
			for (k = 0; k < na; k++)
				out->v[k] = a[k].v;
			out->nv = na;
			break;
		}
		if (tk_op(t, "{")) {
			size_t close = t->match;

			x->pos++;
			error = ev_range(x, close < x->lim ? close : x->lim,
					 false);
			if (x->pos < x->lim)
				x->pos++;
			break;
		}
		error = 0;
		break;
	default:
		error = 0;
		break;
	}
	x->depth--;
	return error;
}

static int ev_postfix(struct ictx *x, struct ival *v)
{
	int error;

	if ((error = ev_primary(x, v)) < 0)
		return error;
	for (;;) {
		const struct itk *t = peek(x, 0);

		if ((tk_op(t, ".") && x->L != PL && x->L != PH) ||
		    tk_op(t, "?.") || tk_op(t, "->") ||
		    (tk_op(t, "::") && x->L == RB)) {
			const struct itk *id = peek(x, 1);

			if (id->t != IT_ID) {
				if (tk_op(t, "->") && (tk_op(id, "{") ||
						       tk_op(id, "["))) {
					x->pos++;
					continue;
				}
				return 0;
			}
			x->pos += 2;
			if (tk_op(peek(x, 0), "(") ||
			    (x->L == RB && (peek(x, 0)->t == IT_STR) &&
			     v->k == IV_NAME)) {
				struct iarg *a = NULL;
				size_t na = 0;
				struct ival r = *v;

				if (tk_op(peek(x, 0), "(")) {
					if ((error = ev_args(x, &a, &na)) < 0)
						return error;
				} else {
					a = arena_calloc(x->p->g->a, 1,
							 sizeof(*a));
					if (!a)
						return NOMEM(x);
					if ((error = ev_expr(x, &a[0].v)) < 0)
						return error;
					na = 1;
				}
				if ((error = ev_call(x, NULL, &r, id->s, id->n,
						     a, na, v)) < 0)
					return error;
				continue;
			}
			if (v->k == IV_NAME) {
				if ((error = name_join(x, v, id->s, id->n,
						       v)) < 0)
					return error;
				if (v->n == 16 &&
				    !memcmp(v->s, "process.env.HOME", 16))
					*v = v_str("\x04", 1);
				if (x->L == RB) {
					/* Ruby: Dir.home is a call. */
					const struct iapi *e = api_find(x->L, v,
								NULL, 0);

					if (e && (e->op == V_HOME ||
						  e->op == V_CWD ||
						  e->op == V_TMP ||
						  e->op == V_MKTMP) &&
					    (error = ev_apply(x, e, NULL, 0,
							      v)) < 0)
						return error;
				}
			} else if (v->k == IV_NET) {
				;	/* requests.get(u).text */
			} else if (x->L == RB) {
				/* Ruby calls methods without parentheses. */
				struct ival r = *v;

				if ((error = ev_call(x, NULL, &r, id->s, id->n,
						     NULL, 0, v)) < 0)
					return error;
			} else {
				*v = v_unk();
			}
			continue;
		}
		if (tk_op(t, "(")) {
			struct iarg *a;
			size_t na;
			struct ival callee = *v;

			if ((error = ev_args(x, &a, &na)) < 0)
				return error;
			if ((error = ev_call(x, &callee, NULL, NULL, 0, a, na,
					     v)) < 0)
				return error;
			continue;
		}
		if (tk_op(t, "[") || (tk_op(t, "{") && x->L == PL &&
				      v->k == IV_NAME)) {
			struct iarg *a;
			size_t na, at = x->pos;
			bool rev = x->L == PY && tk_op(peek(x, 1), ":") &&
				   tk_op(peek(x, 2), ":") &&
				   tk_op(peek(x, 3), "-") &&
				   peek(x, 4)->t == IT_NUM &&
				   peek(x, 4)->n == 1 && peek(x, 4)->s[0] == '1';
			struct ival key;

			if ((error = ev_args(x, &a, &na)) < 0)
				return error;
			key = na ? a[0].v : v_unk();
			if (tk_op(&x->t[at], "{") && na == 1 &&
			    key.k == IV_NAME)
				key.k = IV_STR;		/* $ENV{HOME} */
			if (rev && v->k == IV_STR) {
				if ((error = decode_val(x, V_REV, v, v)) < 0)
					return error;
				continue;
			}
			if (v->k == IV_NAME &&
			    ((v->n == 3 && !memcmp(v->s, "ENV", 3)) ||
			     (v->n == 10 && !memcmp(v->s, "os.environ", 10)) ||
			     (v->n == 11 && !memcmp(v->s, "process.env", 11)) ||
			     (v->n == 5 && !memcmp(v->s, "$_ENV", 5)))) {
				if (v_is(&key, "HOME"))
					*v = v_str("\x04", 1);
				else
					*v = v_unk();
				continue;
			}
			if (v->k == IV_LIST && key.k == IV_STR && key.n == 1 &&
			    key.s[0] >= '0' && key.s[0] <= '9' &&
			    (size_t)(key.s[0] - '0') < v->nv) {
				*v = v->v[key.s[0] - '0'];
				continue;
			}
			if (v->k != IV_NET)
				*v = v_unk();
			continue;
		}
		return 0;
	}
}

static bool is_concat(const struct ictx *x, const struct itk *t)
{
	if (tk_op(t, "+"))
		return x->L != PL && x->L != PH && x->L != AW;
	if (tk_op(t, "."))
		return x->L == PL || x->L == PH;
	return false;
}

/* Operators whose result we do not follow, but whose operands may still
 * hold calls. */
static bool is_other_binop(const struct ictx *x, const struct itk *t)
{
	static const char *const ops[] = {
		"==", "!=", "===", "!==", "<", ">", "<=", ">=", "&&", "||",
		"-", "*", "**", "//", "&", "^", "<<", ">>", "=~", "!~", "?",
		"<=>", "..", "...", "=>", "|", NULL,
	};
	size_t i;

	if (tk_op(t, ":") && x->L != PY)
		return true;
	if (tk_op(t, "%") || tk_op(t, "/"))
		return true;
	if (tk_op(t, "+"))
		return true;
	if (t->t == IT_ID && (tk_id(t, "and") || tk_id(t, "or") ||
			      tk_id(t, "if") || tk_id(t, "else") ||
			      tk_id(t, "is") || tk_id(t, "not") ||
			      (tk_id(t, "in") && x->L != PY)))
		return x->L == PY || tk_id(t, "and") || tk_id(t, "or");
	for (i = 0; ops[i]; i++)
		if (tk_opn(t, ops[i], strlen(ops[i])))
			return !(x->L == PY && tk_op(t, "=>"));
	return false;
}

static int ev_unary(struct ictx *x, struct ival *out)
{
	const struct itk *t = peek(x, 0);

	while (tk_op(t, "!") || tk_op(t, "-") || tk_op(t, "+") ||
	       tk_op(t, "~") || tk_op(t, "\\") || tk_op(t, "*") ||
	       tk_op(t, "**") || tk_op(t, "@") || tk_op(t, "&") ||
	       tk_id(t, "not") || tk_id(t, "new") || tk_id(t, "await") ||
	       tk_id(t, "typeof") || tk_id(t, "void") ||
	       tk_id(t, "yield") || tk_id(t, "delete")) {
		x->pos++;
		t = peek(x, 0);
	}
	return ev_postfix(x, out);
}

static int ev_expr(struct ictx *x, struct ival *out)
{
	int error;

	if ((error = ev_unary(x, out)) < 0)
		return error;
	for (;;) {
		const struct itk *t = peek(x, 0);
		struct ival r;
		size_t start;

		if (x->L == AW && tk_op(t, "|") && tk_id(peek(x, 1), "getline")) {
			/* "cmd" | getline */
			x->pos += 2;
			if ((error = emit_cmdline(x, out)) < 0)
				return error;
			*out = v_unk();
			continue;
		}
		if (x->L == AW && tk_id(t, "getline") ) {
			x->pos++;
			continue;
		}
		if (is_concat(x, t) ||
		    (x->L == PY && tk_op(t, "/") && out->k == IV_STR) ||
		    (x->L == PY && tk_op(t, "%") && out->k == IV_STR)) {
			bool join = tk_op(t, "/"), fmt = tk_op(t, "%");

			x->pos++;
			start = x->pos;
			if ((error = ev_unary(x, &r)) < 0)
				return error;
			if (x->pos == start)
				return 0;
			if (join)
				error = v_join(x, out, &r, out);
			else if (fmt) {
				struct iarg one;

				/* 'rm -rf %s' % p */
				one.kw = NULL;
				one.v = r;
				if (out->k == IV_STR) {
					struct sh_str b = { NULL, 0, 0 };
					size_t i, argi = 0;

					for (i = 0; i < out->n && error >= 0; i++) {
						const struct ival *v;
						const char *ts;
						size_t tn;

						if (out->s[i] != '%' || i + 1 >= out->n) {
							error = put(x, &b, out->s + i, 1);
							continue;
						}
						i++;
						if (out->s[i] == '%') {
							error = put(x, &b, "%", 1);
							continue;
						}
						v = r.k == IV_LIST ? (argi < r.nv ? &r.v[argi] : NULL) : (argi == 0 ? &one.v : NULL);
						argi++;
						if (v)
							v_text(v, &ts, &tn);
						else
							ts = "\x01", tn = 1;
						error = put(x, &b, ts, tn);
					}
					if (error >= 0)
						*out = v_str(b.v ? b.v : "", b.n);
				}
			} else
				error = v_concat(x, out, &r, out);
			if (error < 0)
				return error;
			continue;
		}
		if (x->L == AW && starts_operand(t) && !tk_id(t, "in")) {
			/* awk concatenates by juxtaposition */
			start = x->pos;
			if ((error = ev_unary(x, &r)) < 0)
				return error;
			if (x->pos == start)
				return 0;
			if ((error = v_concat(x, out, &r, out)) < 0)
				return error;
			continue;
		}
		if (is_other_binop(x, t)) {
			x->pos++;
			start = x->pos;
			if ((error = ev_unary(x, &r)) < 0)
				return error;
			*out = v_unk();
			if (x->pos == start)
				return 0;
			continue;
		}
		return 0;
	}
}

static bool is_assign_target(const struct ictx *x, const struct itk *t)
{
	(void)x;
	return t->t == IT_ID;
}

/* Python `import a.b as c`, `from a import b as c`; JS `import`. */
static int ev_import(struct ictx *x)
{
	const struct itk *t = peek(x, 0);
	int error;

	if (x->L == PY && tk_id(t, "from")) {
		const struct itk *m = peek(x, 1);
		struct ival base;

		x->pos += 2;
		if (m->t != IT_ID)
			return 0;
		base = v_name(m->s, m->n);
		while (tk_op(peek(x, 0), ".") && peek(x, 1)->t == IT_ID) {
			if ((error = name_join(x, &base, peek(x, 1)->s,
					       peek(x, 1)->n, &base)) < 0)
				return error;
			x->pos += 2;
		}
		if (!tk_id(peek(x, 0), "import"))
			return 0;
		x->pos++;
		if (tk_op(peek(x, 0), "("))
			x->pos++;
		while (peek(x, 0)->t == IT_ID) {
			const struct itk *n = peek(x, 0), *as = n;
			struct ival full;

			x->pos++;
			if (tk_id(peek(x, 0), "as") && peek(x, 1)->t == IT_ID) {
				as = peek(x, 1);
				x->pos += 2;
			}
			if ((error = name_join(x, &base, n->s, n->n,
					       &full)) < 0 ||
			    (error = var_set(x, as->s, as->n, &full)) < 0)
				return error;
			if (!tk_op(peek(x, 0), ","))
				break;
			x->pos++;
		}
		return 0;
	}
	if (x->L == PY && tk_id(t, "import")) {
		x->pos++;
		while (peek(x, 0)->t == IT_ID) {
			const struct itk *n = peek(x, 0);
			struct ival full = v_name(n->s, n->n);

			x->pos++;
			while (tk_op(peek(x, 0), ".") &&
			       peek(x, 1)->t == IT_ID) {
				if ((error = name_join(x, &full, peek(x, 1)->s,
						       peek(x, 1)->n,
						       &full)) < 0)
					return error;
				x->pos += 2;
			}
			if (tk_id(peek(x, 0), "as") && peek(x, 1)->t == IT_ID) {
				if ((error = var_set(x, peek(x, 1)->s,
						     peek(x, 1)->n,
						     &full)) < 0)
					return error;
				x->pos += 2;
			}
			if (!tk_op(peek(x, 0), ","))
				break;
			x->pos++;
		}
		return 0;
	}
	return 0;
}

/* JS `const {a, b: c} = require('m')`, `import {a as b} from 'm'`,
 * `import x from 'm'`, `import * as x from 'm'`. */
static int ev_destructure(struct ictx *x, size_t open, size_t close,
			  const struct ival *base)
{
	size_t i;
	int error;

	for (i = open + 1; i < close; i++) {
		const struct itk *n = &x->t[i], *as = n;
		struct ival full;

		if (n->t != IT_ID)
			continue;
		if (i + 2 < close && (tk_op(&x->t[i + 1], ":") ||
				      tk_id(&x->t[i + 1], "as")) &&
		    x->t[i + 2].t == IT_ID) {
			as = &x->t[i + 2];
			i += 2;
		}
		if (base->k == IV_NAME) {
			if ((error = name_join(x, base, n->s, n->n, &full)) < 0)
				return error;
		} else {
			full = v_unk();
		}
		if ((error = var_set(x, as->s, as->n, &full)) < 0)
			return error;
	}
	return 0;
}

static int ev_statement(struct ictx *x)
{
	const struct itk *t = peek(x, 0);
	struct ival v;
	int error;

	while (tk_id(t, "const") || tk_id(t, "let") || tk_id(t, "var") ||
	       tk_id(t, "my") || tk_id(t, "our") || tk_id(t, "local") ||
	       tk_id(t, "return") || tk_id(t, "global") ||
	       tk_id(t, "export") || tk_id(t, "BEGIN") || tk_id(t, "END") ||
	       tk_id(t, "do") || tk_id(t, "then") || tk_id(t, "begin")) {
		x->pos++;
		t = peek(x, 0);
	}
	if ((x->L == PY && (tk_id(t, "import") || tk_id(t, "from"))))
		return ev_import(x);
	if (x->L == JS && tk_id(t, "import")) {
		size_t i, from = 0;
		struct ival mod;

		for (i = x->pos + 1; i < x->lim && i < x->pos + 64; i++)
			if (tk_id(&x->t[i], "from")) {
				from = i;
				break;
			}
		if (!from || from + 1 >= x->lim || x->t[from + 1].t != IT_STR) {
			x->pos++;
			return 0;
		}
		{
			struct ival ms = v_str(x->t[from + 1].s,
					       x->t[from + 1].n);

			if ((error = module_name(x, &ms, &mod)) < 0)
				return error;
		}
		for (i = x->pos + 1; i < from; i++) {
			if (tk_op(&x->t[i], "{")) {
				size_t c = x->t[i].match < from ?
					   x->t[i].match : from;

				if ((error = ev_destructure(x, i, c, &mod)) < 0)
					return error;
				i = c;
				continue;
			}
			if (x->t[i].t == IT_ID && !tk_id(&x->t[i], "as") &&
			    (error = var_set(x, x->t[i].s, x->t[i].n,
					     &mod)) < 0)
				return error;
		}
		x->pos = from + 2;
		return 0;
	}
	if (x->L == JS && tk_op(t, "{") && t->match < x->lim &&
	    tk_op(&x->t[t->match + 1 < x->nt ? t->match + 1 : t->match], "=")) {
		size_t open = x->pos, close = t->match;

		x->pos = close + 2;
		if ((error = ev_expr(x, &v)) < 0)
			return error;
		return ev_destructure(x, open, close, &v);
	}
	if (x->L == PY && tk_id(t, "for")) {
		/* for a, b in EXPR: the first target gets an element. */
		const struct itk *first = NULL;
		size_t i;

		for (i = x->pos + 1; i < x->lim && i < x->pos + 32; i++) {
			if (tk_id(&x->t[i], "in"))
				break;
			if (!first && x->t[i].t == IT_ID)
				first = &x->t[i];
		}
		if (i >= x->lim || !tk_id(&x->t[i], "in")) {
			x->pos++;
			return 0;
		}
		x->pos = i + 1;
		if ((error = ev_expr(x, &v)) < 0)
			return error;
		if (v.k == IV_STR && (v.f & IVF_ELEM))
			v.f &= ~IVF_ELEM;
		else
			v = v_unk();
		/* Every target is unknown but the first. */
		for (size_t k = (size_t)(first ? first - x->t : 0) + 1;
		     first && k < i; k++)
			if (x->t[k].t == IT_ID) {
				struct ival u = v_unk();

				if ((error = var_set(x, x->t[k].s, x->t[k].n,
						     &u)) < 0)
					return error;
			}
		return first ? var_set(x, first->s, first->n, &v) : 0;
	}
	if (x->L == AW && (tk_id(t, "print") || tk_id(t, "printf"))) {
		/* print ... | "cmd", print ... > "file" */
		x->pos++;
		while (x->pos < x->lim) {
			const struct itk *u = peek(x, 0);
			size_t st = x->pos;

			if (tk_op(u, ";") || tk_op(u, "}"))
				return 0;
			if (tk_op(u, "|") || tk_op(u, ">") || tk_op(u, ">>")) {
				bool pipe = tk_op(u, "|");

				x->pos++;
				if ((error = ev_unary(x, &v)) < 0)
					return error;
				if (pipe)
					return emit_cmdline(x, &v);
				return emit_fileop(x, OP_WRITE, &v, NULL);
			}
			if (tk_op(u, ",")) {
				x->pos++;
				continue;
			}
			if ((error = ev_unary(x, &v)) < 0)
				return error;
			if (x->pos == st)
				x->pos++;
		}
		return 0;
	}
	if (is_assign_target(x, t) && (tk_op(peek(x, 1), "=") ||
				       tk_op(peek(x, 1), ":="))) {
		const struct itk *name = t;

		x->pos += 2;
		if ((error = ev_expr(x, &v)) < 0)
			return error;
		return var_set(x, name->s, name->n, &v);
	}
	if (is_assign_target(x, t) && (tk_op(peek(x, 1), "+=") ||
				       tk_op(peek(x, 1), ".="))) {
		const struct ival *old = var_get(x, t->s, t->n);
		const struct itk *name = t;
		struct ival l = old ? *old : v_unk();

		x->pos += 2;
		if ((error = ev_expr(x, &v)) < 0 ||
		    (error = v_concat(x, &l, &v, &l)) < 0)
			return error;
		return var_set(x, name->s, name->n, &l);
	}
	return ev_expr(x, &v);
}

static int ev_range(struct ictx *x, size_t end, bool stop_comma)
{
	size_t save = x->lim;
	int error = 0;

	if (end < x->lim)
		x->lim = end;
	while (x->pos < x->lim) {
		size_t start = x->pos;

		if (stop_comma && tk_op(peek(x, 0), ","))
			break;
		if ((error = ev_statement(x)) < 0)
			break;
		if (x->pos == start)
			x->pos++;
	}
	x->lim = save;
	return error;
}

static unsigned lang_of(const char *program)
{
	switch (shn_interp(program)) {
	case I_PYTHON: return PY;
	case I_NODE: case I_DENO: return JS;
	case I_PERL: return PL;
	case I_RUBY: return RB;
	case I_PHP: return PH;
	case I_AWK: return AW;
	default: return 0;
	}
}

static int analyse(struct sh_src *p, struct subject *s, unsigned L,
		   const char *code, size_t n, int level)
{
	struct ictx x;
	size_t k;
	int error;

	if (n > CV_MAX_INLINE_BYTES)
		return diag_set(p->g->d, CV_ETOOBIG,
				"inline code larger than %u bytes",
				CV_MAX_INLINE_BYTES);
	if (p->depth + level > CV_MAX_SHELL_DEPTH)
		return diag_set(p->g->d, CV_ETOOBIG,
				"code nested deeper than %d",
				CV_MAX_SHELL_DEPTH);
	memset(&x, 0, sizeof(x));
	x.p = p;
	x.s = s;
	x.L = L;
	x.level = level;
	for (k = 0; k < s->via.n; k++)
		if (strlist_push(&x.via, p->g->a, s->via.v[k]) < 0)
			return NOMEM(&x);
	if (sh_push_unique(&x.via, p->g->a, s->program) < 0)
		return NOMEM(&x);
	if ((error = lex_code(&x, code, n)) < 0)
		return error;
	x.lim = x.nt;
	return ev_range(&x, x.nt, false);
}

int shi_code_as(struct sh_src *p, struct subject *s, const char *program,
		const char *code)
{
	unsigned L;

	if (strlist_push(&s->code, p->g->a, code) < 0)
		return diag_nomem(p->g->d);
	if (!(L = lang_of(program)))
		return 0;
	return analyse(p, s, L, code, strlen(code), 1);
}

int shi_code(struct sh_src *p, struct subject *s, const char *code)
{
	if (s->program_dynamic) {
		if (strlist_push(&s->code, p->g->a, code) < 0)
			return diag_nomem(p->g->d);
		return 0;
	}
	/* psql <<EOF, echo 'FLUSHALL' | redis-cli: statements, not code */
	if (shdb_client(s->program))
		return shdb_code(p, s, code);
	return shi_code_as(p, s, s->program, code);
}

int shi_marker(struct sh_src *p, struct subject *s, const char *marker)
{
	struct ictx x;
	size_t k;

	/* gunzip -c dump.sql.gz | psql: statements from a file that exists,
	 * judged no more than `psql -f dump.sql` is. */
	if (!s->program_dynamic && shdb_client(s->program))
		return 0;
	memset(&x, 0, sizeof(x));
	x.p = p;
	x.s = s;
	for (k = 0; k < s->via.n; k++)
		if (strlist_push(&x.via, p->g->a, s->via.v[k]) < 0)
			return NOMEM(&x);
	return emit_marker(&x, marker);
}
