// Builtins written in the jq language itself, each parsed the first time a
// program calls it and compiled on first use (per program), as jq and gojq
// do. Natives live in builtins/. Parsing the whole prelude at every start
// cost ~20 ms of `jn filter`'s start-up (and V8 compiles the parser's hot
// loops in the background, which the process then waits for at exit); a
// program calls a handful of these.
import type { FuncDef } from './ast.js';
import { parseDefs } from './parser.js';

const PRELUDE = String.raw`
def values: select(. != null);
def nulls: select(. == null);
def booleans: select(type == "boolean");
def numbers: select(type == "number");
def strings: select(type == "string");
def arrays: select(type == "array");
def objects: select(type == "object");
def iterables: select(type | . == "array" or . == "object");
def scalars: select(type | . != "array" and . != "object");
def finites: select(isinfinite or isnan | not);
def normals: select(isnormal);
def recurse(f): def r: ., (f | r); r;
def recurse(f; cond): def r: ., (f | select(cond) | r); r;
def from_entries: reduce .[] as $x ({};
  . + { ($x | if .key == null then .k // .name // .Name // .K // .Key else .key end
             | if type == "string" then . else tojson end):
        ($x | if has("value") then .value elif has("Value") then .Value else .v end) });
def with_entries(f): to_entries | map(f) | from_entries;
def any: reduce .[] as $x (false; . or $x);
def all: reduce .[] as $x (true; . and $x);
def any(f): reduce (.[] | f) as $x (false; . or $x);
def all(f): reduce (.[] | f) as $x (true; . and $x);
def any(g; cond): isempty(first(g | cond or empty)) | not;
def all(g; cond): isempty(first(g | cond and empty));
def in(xs): . as $x | xs | has($x);
def inside(xs): . as $x | xs | contains($x);
def combinations: if length == 0 then [] else .[0][] as $x | (.[1:] | combinations) as $w | [$x] + $w end;
def combinations(n): . as $dot | [range(n)] | map($dot) | combinations;
def walk(f): def w: if type == "object" then map_values(w) elif type == "array" then map(w) else . end | f; w;
def first: .[0];
def last: .[-1];
def nth($n): .[$n];
def until(cond; update): def _until: if cond then . else (update | _until) end; _until;
def while(cond; update): def _while: if cond then ., (update | _while) else empty end; _while;
def repeat(f): def _repeat: ., (f | _repeat); _repeat;
def paths(node_filter): . as $dot | paths | select(. as $p | $dot | getpath($p) | node_filter);
def leaf_paths: paths(scalars);
def pick(pathexps): . as $top | reduce path(pathexps) as $p (null; setpath($p; $top | getpath($p)));
def debug(msg): (msg | debug | empty), .;
def env: $ENV;
def halt_error: halt_error(5);
def dateadd(u; n): . + n;
def datesub(u; n): . - n;
def INDEX(stream; idx_expr): reduce stream as $row ({}; .[$row | idx_expr | tostring] |= $row);
def INDEX(idx_expr): INDEX(.[]; idx_expr);
def JOIN($idx; idx_expr): [.[] | [., $idx[idx_expr]]];
def JOIN($idx; stream; idx_expr): stream | [., $idx[idx_expr]];
def JOIN($idx; stream; idx_expr; join_expr): stream | [., $idx[idx_expr]] | join_expr;
def IN(s): any(s == .; .);
def IN(src; s): any(src == s; .);
def transpose: if . == [] then [] else . as $in | (map(length) | max) as $max
  | [range(0; $max) as $j | [range(0; $in | length) as $i | $in[$i][$j]]] end;
def tostream: path(def r: (.[]? | r), .; r) as $p | getpath($p) | reduce path(.[]?) as $q ([$p, .]; [$p + $q]);
def fromstream(f): { x: null, e: false } as $init
  | foreach f as $i ($init;
      if .e then $init else . end
      | if $i | length == 2
        then setpath(["e"]; $i[0] | length == 0) | setpath(["x"] + $i[0]; $i[1])
        else setpath(["e"]; $i[0] | length == 1) end;
      if .e then .x else empty end);
def truncate_stream(stream): . as $n | null | stream | . as $input | if (.[0] | length) > $n then setpath([0]; .[0][$n:]) else empty end;
def ascii(i): [i] | implode;
def isvalid(f): try (f | true) catch false;
def get_search_list: [];

# ---- jn extras (names that jq does not define) ----
def sum: reduce .[] as $x (0; . + $x);
def sum(f): reduce (.[] | f) as $x (0; . + $x);
def count(f): reduce (.[] | select(f)) as $x (0; . + 1);
def avg: if length == 0 then null else sum / length end;
def avg(f): [.[] | f] | avg;
def mean: avg;
def mean(f): avg(f);
def min(f): [.[] | f] | min;
def max(f): [.[] | f] | max;
def median: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
def median(f): [.[] | f] | median;
def default(v): if . == null or . == "" then v else . end;
def blank: . == null or . == "" or . == [] or . == {} or (type == "string" and test("^\\s*$"));
def present: blank | not;
def defined: . != null;
def numeric: type == "number" or (type == "string" and test("^\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?\\s*$"));
def incr: . + 1;
def incr(n): . + n;
def decr: . - 1;
def decr(n): . - n;
def toggle: if type == "boolean" then not else error("toggle: \(type) (\(tojson)) is not a boolean") end;
def clamp($lo; $hi): if . < $lo then $lo elif . > $hi then $hi else . end;
def roundto($n): (pow(10; $n)) as $m | (. * $m | round) / $m;
def replace($a; $b): if $a == "" then . else split($a) | join($b) end;
def chars: explode | map([.] | implode);
def lines: if . == "" then [] else rtrimstr("\n") | split("\n") | map(rtrimstr("\r")) end;
def squeeze: gsub("\\s+"; " ") | trim;
def truncate($n): if length > $n then .[0:$n] else . end;
def lpad($n; $c): (($n - length) | if . > 0 then . else 0 end) as $k | ($c * $k)[0:$k] + .;
def rpad($n; $c): (($n - length) | if . > 0 then . else 0 end) as $k | . + ($c * $k)[0:$k];
def lpad($n): lpad($n; " ");
def rpad($n): rpad($n; " ");
`;

/** Where each top-level definition's text is in PRELUDE, by name/arity: a
 * definition starts a line with `def NAME` or `def NAME(PARAMS)` (nested
 * definitions never start a line). */
function index(): Map<string, [number, number]> {
  const starts = [...PRELUDE.matchAll(/^def ([A-Za-z_][A-Za-z0-9_]*)(\(([^)]*)\))?\s*:/gm)];
  const out = new Map<string, [number, number]>();
  starts.forEach((m, i) => {
    const arity = m[3] === undefined ? 0 : m[3].split(';').length;
    out.set(`${m[1]}/${arity}`, [m.index, i + 1 < starts.length ? starts[i + 1].index : PRELUDE.length]);
  });
  return out;
}

let spans: Map<string, [number, number]> | undefined;
const parsed = new Map<string, FuncDef>();

/** The prelude's definitions, each parsed when first asked for. */
export const preludeDefs = {
  has(key: string): boolean {
    return (spans ??= index()).has(key);
  },
  get(key: string): FuncDef | undefined {
    let def = parsed.get(key);
    if (def) return def;
    const span = (spans ??= index()).get(key);
    if (!span) return undefined;
    def = parseDefs(PRELUDE.slice(span[0], span[1]))[0];
    parsed.set(key, def);
    return def;
  },
  keys(): IterableIterator<string> {
    return (spans ??= index()).keys();
  },
  /** How many definitions have been parsed (for tests). */
  parsedCount(): number {
    return parsed.size;
  },
};

export type PreludeDefs = Pick<typeof preludeDefs, 'has' | 'get' | 'keys'>;
