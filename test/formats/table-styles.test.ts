// jn table's styles, byte for byte as Python's tabulate prints them (the
// expected texts were checked against tabulate; mediawiki against its
// current source, which writes style="text-align: ...").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STYLE_NAMES } from '../../src/formats/table/styles.ts';
import { TableRows, tabulate } from '../../src/formats/table/tabulate.ts';
import { parseLossless } from '../../src/kit/lossless.ts';

const records = [
  '{"product":"Widget","price":9.99,"stock":100,"note":null}',
  '{"product":"Gadget & Co","price":19.5,"stock":-5,"note":"<b>new</b>"}',
  '{"product":"x_y {1}","price":1234.5,"stock":7,"note":"50% ~$#^\\\\"}',
];

const expected: Record<string, string> = {
  double_grid:
    "╔═════════════╦═════════╦═════════╦════════════╗\n" +
    "║ product     ║   price ║   stock ║ note       ║\n" +
    "╠═════════════╬═════════╬═════════╬════════════╣\n" +
    "║ Widget      ║    9.99 ║     100 ║            ║\n" +
    "╠═════════════╬═════════╬═════════╬════════════╣\n" +
    "║ Gadget & Co ║   19.5  ║      -5 ║ <b>new</b> ║\n" +
    "╠═════════════╬═════════╬═════════╬════════════╣\n" +
    "║ x_y {1}     ║ 1234.5  ║       7 ║ 50% ~$#^\\  ║\n" +
    "╚═════════════╩═════════╩═════════╩════════════╝\n",
  double_outline:
    "╔═════════════╦═════════╦═════════╦════════════╗\n" +
    "║ product     ║   price ║   stock ║ note       ║\n" +
    "╠═════════════╬═════════╬═════════╬════════════╣\n" +
    "║ Widget      ║    9.99 ║     100 ║            ║\n" +
    "║ Gadget & Co ║   19.5  ║      -5 ║ <b>new</b> ║\n" +
    "║ x_y {1}     ║ 1234.5  ║       7 ║ 50% ~$#^\\  ║\n" +
    "╚═════════════╩═════════╩═════════╩════════════╝\n",
  fancy_grid:
    "╒═════════════╤═════════╤═════════╤════════════╕\n" +
    "│ product     │   price │   stock │ note       │\n" +
    "╞═════════════╪═════════╪═════════╪════════════╡\n" +
    "│ Widget      │    9.99 │     100 │            │\n" +
    "├─────────────┼─────────┼─────────┼────────────┤\n" +
    "│ Gadget & Co │   19.5  │      -5 │ <b>new</b> │\n" +
    "├─────────────┼─────────┼─────────┼────────────┤\n" +
    "│ x_y {1}     │ 1234.5  │       7 │ 50% ~$#^\\  │\n" +
    "╘═════════════╧═════════╧═════════╧════════════╛\n",
  fancy_outline:
    "╒═════════════╤═════════╤═════════╤════════════╕\n" +
    "│ product     │   price │   stock │ note       │\n" +
    "╞═════════════╪═════════╪═════════╪════════════╡\n" +
    "│ Widget      │    9.99 │     100 │            │\n" +
    "│ Gadget & Co │   19.5  │      -5 │ <b>new</b> │\n" +
    "│ x_y {1}     │ 1234.5  │       7 │ 50% ~$#^\\  │\n" +
    "╘═════════════╧═════════╧═════════╧════════════╛\n",
  github:
    "| product     |   price |   stock | note       |\n" +
    "|-------------|---------|---------|------------|\n" +
    "| Widget      |    9.99 |     100 |            |\n" +
    "| Gadget & Co |   19.5  |      -5 | <b>new</b> |\n" +
    "| x_y {1}     | 1234.5  |       7 | 50% ~$#^\\  |\n",
  grid:
    "+-------------+---------+---------+------------+\n" +
    "| product     |   price |   stock | note       |\n" +
    "+=============+=========+=========+============+\n" +
    "| Widget      |    9.99 |     100 |            |\n" +
    "+-------------+---------+---------+------------+\n" +
    "| Gadget & Co |   19.5  |      -5 | <b>new</b> |\n" +
    "+-------------+---------+---------+------------+\n" +
    "| x_y {1}     | 1234.5  |       7 | 50% ~$#^\\  |\n" +
    "+-------------+---------+---------+------------+\n",
  heavy_grid:
    "┏━━━━━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━━━━┓\n" +
    "┃ product     ┃   price ┃   stock ┃ note       ┃\n" +
    "┣━━━━━━━━━━━━━╋━━━━━━━━━╋━━━━━━━━━╋━━━━━━━━━━━━┫\n" +
    "┃ Widget      ┃    9.99 ┃     100 ┃            ┃\n" +
    "┣━━━━━━━━━━━━━╋━━━━━━━━━╋━━━━━━━━━╋━━━━━━━━━━━━┫\n" +
    "┃ Gadget & Co ┃   19.5  ┃      -5 ┃ <b>new</b> ┃\n" +
    "┣━━━━━━━━━━━━━╋━━━━━━━━━╋━━━━━━━━━╋━━━━━━━━━━━━┫\n" +
    "┃ x_y {1}     ┃ 1234.5  ┃       7 ┃ 50% ~$#^\\  ┃\n" +
    "┗━━━━━━━━━━━━━┻━━━━━━━━━┻━━━━━━━━━┻━━━━━━━━━━━━┛\n",
  heavy_outline:
    "┏━━━━━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━━━━┓\n" +
    "┃ product     ┃   price ┃   stock ┃ note       ┃\n" +
    "┣━━━━━━━━━━━━━╋━━━━━━━━━╋━━━━━━━━━╋━━━━━━━━━━━━┫\n" +
    "┃ Widget      ┃    9.99 ┃     100 ┃            ┃\n" +
    "┃ Gadget & Co ┃   19.5  ┃      -5 ┃ <b>new</b> ┃\n" +
    "┃ x_y {1}     ┃ 1234.5  ┃       7 ┃ 50% ~$#^\\  ┃\n" +
    "┗━━━━━━━━━━━━━┻━━━━━━━━━┻━━━━━━━━━┻━━━━━━━━━━━━┛\n",
  html:
    "<table>\n" +
    "<thead>\n" +
    "<tr><th>product    </th><th style=\"text-align: right;\">  price</th><th style=\"text-align: right;\">  stock</th><th>note      </th></tr>\n" +
    "</thead>\n" +
    "<tbody>\n" +
    "<tr><td>Widget     </td><td style=\"text-align: right;\">   9.99</td><td style=\"text-align: right;\">    100</td><td>          </td></tr>\n" +
    "<tr><td>Gadget &amp; Co</td><td style=\"text-align: right;\">  19.5 </td><td style=\"text-align: right;\">     -5</td><td>&lt;b&gt;new&lt;/b&gt;</td></tr>\n" +
    "<tr><td>x_y {1}    </td><td style=\"text-align: right;\">1234.5 </td><td style=\"text-align: right;\">      7</td><td>50% ~$#^\\ </td></tr>\n" +
    "</tbody>\n" +
    "</table>\n",
  jira:
    "|| product     ||   price ||   stock || note       ||\n" +
    "| Widget      |    9.99 |     100 |            |\n" +
    "| Gadget & Co |   19.5  |      -5 | <b>new</b> |\n" +
    "| x_y {1}     | 1234.5  |       7 | 50% ~$#^\\  |\n",
  latex:
    "\\begin{tabular}{lrrl}\n" +
    "\\hline\n" +
    " product     &   price &   stock & note       \\\\\n" +
    "\\hline\n" +
    " Widget      &    9.99 &     100 &            \\\\\n" +
    " Gadget \\& Co &   19.5  &      -5 & \\ensuremath{<}b\\ensuremath{>}new\\ensuremath{<}/b\\ensuremath{>} \\\\\n" +
    " x\\_y \\{1\\}     & 1234.5  &       7 & 50\\% \\textasciitilde{}\\$\\#\\^{}\\textbackslash{}  \\\\\n" +
    "\\hline\n" +
    "\\end{tabular}\n",
  latex_booktabs:
    "\\begin{tabular}{lrrl}\n" +
    "\\toprule\n" +
    " product     &   price &   stock & note       \\\\\n" +
    "\\midrule\n" +
    " Widget      &    9.99 &     100 &            \\\\\n" +
    " Gadget \\& Co &   19.5  &      -5 & \\ensuremath{<}b\\ensuremath{>}new\\ensuremath{<}/b\\ensuremath{>} \\\\\n" +
    " x\\_y \\{1\\}     & 1234.5  &       7 & 50\\% \\textasciitilde{}\\$\\#\\^{}\\textbackslash{}  \\\\\n" +
    "\\bottomrule\n" +
    "\\end{tabular}\n",
  latex_longtable:
    "\\begin{longtable}{lrrl}\n" +
    "\\hline\n" +
    " product     &   price &   stock & note       \\\\\n" +
    "\\hline\n" +
    "\\endhead\n" +
    " Widget      &    9.99 &     100 &            \\\\\n" +
    " Gadget \\& Co &   19.5  &      -5 & \\ensuremath{<}b\\ensuremath{>}new\\ensuremath{<}/b\\ensuremath{>} \\\\\n" +
    " x\\_y \\{1\\}     & 1234.5  &       7 & 50\\% \\textasciitilde{}\\$\\#\\^{}\\textbackslash{}  \\\\\n" +
    "\\hline\n" +
    "\\end{longtable}\n",
  latex_raw:
    "\\begin{tabular}{lrrl}\n" +
    "\\hline\n" +
    " product     &   price &   stock & note       \\\\\n" +
    "\\hline\n" +
    " Widget      &    9.99 &     100 &            \\\\\n" +
    " Gadget & Co &   19.5  &      -5 & <b>new</b> \\\\\n" +
    " x_y {1}     & 1234.5  &       7 & 50% ~$#^\\  \\\\\n" +
    "\\hline\n" +
    "\\end{tabular}\n",
  mediawiki:
    "{| class=\"wikitable\" style=\"text-align: left;\"\n" +
    "|+ <!-- caption -->\n" +
    "|-\n" +
    "! product     !! style=\"text-align: right;\"|   price !! style=\"text-align: right;\"|   stock !! note\n" +
    "|-\n" +
    "| Widget      || style=\"text-align: right;\"|    9.99 || style=\"text-align: right;\"|     100 ||\n" +
    "|-\n" +
    "| Gadget & Co || style=\"text-align: right;\"|   19.5  || style=\"text-align: right;\"|      -5 || <b>new</b>\n" +
    "|-\n" +
    "| x_y {1}     || style=\"text-align: right;\"| 1234.5  || style=\"text-align: right;\"|       7 || 50% ~$#^\\\n" +
    "|}\n",
  mixed_grid:
    "┍━━━━━━━━━━━━━┯━━━━━━━━━┯━━━━━━━━━┯━━━━━━━━━━━━┑\n" +
    "│ product     │   price │   stock │ note       │\n" +
    "┝━━━━━━━━━━━━━┿━━━━━━━━━┿━━━━━━━━━┿━━━━━━━━━━━━┥\n" +
    "│ Widget      │    9.99 │     100 │            │\n" +
    "├─────────────┼─────────┼─────────┼────────────┤\n" +
    "│ Gadget & Co │   19.5  │      -5 │ <b>new</b> │\n" +
    "├─────────────┼─────────┼─────────┼────────────┤\n" +
    "│ x_y {1}     │ 1234.5  │       7 │ 50% ~$#^\\  │\n" +
    "┕━━━━━━━━━━━━━┷━━━━━━━━━┷━━━━━━━━━┷━━━━━━━━━━━━┙\n",
  mixed_outline:
    "┍━━━━━━━━━━━━━┯━━━━━━━━━┯━━━━━━━━━┯━━━━━━━━━━━━┑\n" +
    "│ product     │   price │   stock │ note       │\n" +
    "┝━━━━━━━━━━━━━┿━━━━━━━━━┿━━━━━━━━━┿━━━━━━━━━━━━┥\n" +
    "│ Widget      │    9.99 │     100 │            │\n" +
    "│ Gadget & Co │   19.5  │      -5 │ <b>new</b> │\n" +
    "│ x_y {1}     │ 1234.5  │       7 │ 50% ~$#^\\  │\n" +
    "┕━━━━━━━━━━━━━┷━━━━━━━━━┷━━━━━━━━━┷━━━━━━━━━━━━┙\n",
  moinmoin:
    "|| ''' product     ''' ||<style=\"text-align: right;\"> '''   price ''' ||<style=\"text-align: right;\"> '''   stock ''' || ''' note       ''' ||\n" +
    "||  Widget       ||<style=\"text-align: right;\">     9.99  ||<style=\"text-align: right;\">      100  ||              ||\n" +
    "||  Gadget & Co  ||<style=\"text-align: right;\">    19.5   ||<style=\"text-align: right;\">       -5  ||  <b>new</b>  ||\n" +
    "||  x_y {1}      ||<style=\"text-align: right;\">  1234.5   ||<style=\"text-align: right;\">        7  ||  50% ~$#^\\   ||\n",
  orgtbl:
    "| product     |   price |   stock | note       |\n" +
    "|-------------+---------+---------+------------|\n" +
    "| Widget      |    9.99 |     100 |            |\n" +
    "| Gadget & Co |   19.5  |      -5 | <b>new</b> |\n" +
    "| x_y {1}     | 1234.5  |       7 | 50% ~$#^\\  |\n",
  outline:
    "+-------------+---------+---------+------------+\n" +
    "| product     |   price |   stock | note       |\n" +
    "+=============+=========+=========+============+\n" +
    "| Widget      |    9.99 |     100 |            |\n" +
    "| Gadget & Co |   19.5  |      -5 | <b>new</b> |\n" +
    "| x_y {1}     | 1234.5  |       7 | 50% ~$#^\\  |\n" +
    "+-------------+---------+---------+------------+\n",
  pipe:
    "| product     |   price |   stock | note       |\n" +
    "|:------------|--------:|--------:|:-----------|\n" +
    "| Widget      |    9.99 |     100 |            |\n" +
    "| Gadget & Co |   19.5  |      -5 | <b>new</b> |\n" +
    "| x_y {1}     | 1234.5  |       7 | 50% ~$#^\\  |\n",
  plain:
    "product        price    stock  note\n" +
    "Widget          9.99      100\n" +
    "Gadget & Co    19.5        -5  <b>new</b>\n" +
    "x_y {1}      1234.5         7  50% ~$#^\\\n",
  presto:
    " product     |   price |   stock | note\n" +
    "-------------+---------+---------+------------\n" +
    " Widget      |    9.99 |     100 |\n" +
    " Gadget & Co |   19.5  |      -5 | <b>new</b>\n" +
    " x_y {1}     | 1234.5  |       7 | 50% ~$#^\\\n",
  pretty:
    "+-------------+--------+-------+------------+\n" +
    "| product     | price  | stock | note       |\n" +
    "+-------------+--------+-------+------------+\n" +
    "| Widget      | 9.99   | 100   |            |\n" +
    "| Gadget & Co | 19.5   | -5    | <b>new</b> |\n" +
    "| x_y {1}     | 1234.5 | 7     | 50% ~$#^\\  |\n" +
    "+-------------+--------+-------+------------+\n",
  psql:
    "+-------------+---------+---------+------------+\n" +
    "| product     |   price |   stock | note       |\n" +
    "|-------------+---------+---------+------------|\n" +
    "| Widget      |    9.99 |     100 |            |\n" +
    "| Gadget & Co |   19.5  |      -5 | <b>new</b> |\n" +
    "| x_y {1}     | 1234.5  |       7 | 50% ~$#^\\  |\n" +
    "+-------------+---------+---------+------------+\n",
  rounded_grid:
    "╭─────────────┬─────────┬─────────┬────────────╮\n" +
    "│ product     │   price │   stock │ note       │\n" +
    "├─────────────┼─────────┼─────────┼────────────┤\n" +
    "│ Widget      │    9.99 │     100 │            │\n" +
    "├─────────────┼─────────┼─────────┼────────────┤\n" +
    "│ Gadget & Co │   19.5  │      -5 │ <b>new</b> │\n" +
    "├─────────────┼─────────┼─────────┼────────────┤\n" +
    "│ x_y {1}     │ 1234.5  │       7 │ 50% ~$#^\\  │\n" +
    "╰─────────────┴─────────┴─────────┴────────────╯\n",
  rounded_outline:
    "╭─────────────┬─────────┬─────────┬────────────╮\n" +
    "│ product     │   price │   stock │ note       │\n" +
    "├─────────────┼─────────┼─────────┼────────────┤\n" +
    "│ Widget      │    9.99 │     100 │            │\n" +
    "│ Gadget & Co │   19.5  │      -5 │ <b>new</b> │\n" +
    "│ x_y {1}     │ 1234.5  │       7 │ 50% ~$#^\\  │\n" +
    "╰─────────────┴─────────┴─────────┴────────────╯\n",
  rst:
    "===========  =======  =======  ==========\n" +
    "product        price    stock  note\n" +
    "===========  =======  =======  ==========\n" +
    "Widget          9.99      100\n" +
    "Gadget & Co    19.5        -5  <b>new</b>\n" +
    "x_y {1}      1234.5         7  50% ~$#^\\\n" +
    "===========  =======  =======  ==========\n",
  simple:
    "product        price    stock  note\n" +
    "-----------  -------  -------  ----------\n" +
    "Widget          9.99      100\n" +
    "Gadget & Co    19.5        -5  <b>new</b>\n" +
    "x_y {1}      1234.5         7  50% ~$#^\\\n",
  simple_grid:
    "┌─────────────┬─────────┬─────────┬────────────┐\n" +
    "│ product     │   price │   stock │ note       │\n" +
    "├─────────────┼─────────┼─────────┼────────────┤\n" +
    "│ Widget      │    9.99 │     100 │            │\n" +
    "├─────────────┼─────────┼─────────┼────────────┤\n" +
    "│ Gadget & Co │   19.5  │      -5 │ <b>new</b> │\n" +
    "├─────────────┼─────────┼─────────┼────────────┤\n" +
    "│ x_y {1}     │ 1234.5  │       7 │ 50% ~$#^\\  │\n" +
    "└─────────────┴─────────┴─────────┴────────────┘\n",
  simple_outline:
    "┌─────────────┬─────────┬─────────┬────────────┐\n" +
    "│ product     │   price │   stock │ note       │\n" +
    "├─────────────┼─────────┼─────────┼────────────┤\n" +
    "│ Widget      │    9.99 │     100 │            │\n" +
    "│ Gadget & Co │   19.5  │      -5 │ <b>new</b> │\n" +
    "│ x_y {1}     │ 1234.5  │       7 │ 50% ~$#^\\  │\n" +
    "└─────────────┴─────────┴─────────┴────────────┘\n",
  textile:
    "|_.  product     |_.   price |_.   stock |_. note       |\n" +
    "|<. Widget       |>.    9.99 |>.     100 |<.            |\n" +
    "|<. Gadget & Co  |>.   19.5  |>.      -5 |<. <b>new</b> |\n" +
    "|<. x_y {1}      |>. 1234.5  |>.       7 |<. 50% ~$#^\\  |\n",
  tsv:
    "product    \t  price\t  stock\tnote\n" +
    "Widget     \t   9.99\t    100\n" +
    "Gadget & Co\t  19.5 \t     -5\t<b>new</b>\n" +
    "x_y {1}    \t1234.5 \t      7\t50% ~$#^\\\n",
  unsafehtml:
    "<table>\n" +
    "<thead>\n" +
    "<tr><th>product    </th><th style=\"text-align: right;\">  price</th><th style=\"text-align: right;\">  stock</th><th>note      </th></tr>\n" +
    "</thead>\n" +
    "<tbody>\n" +
    "<tr><td>Widget     </td><td style=\"text-align: right;\">   9.99</td><td style=\"text-align: right;\">    100</td><td>          </td></tr>\n" +
    "<tr><td>Gadget & Co</td><td style=\"text-align: right;\">  19.5 </td><td style=\"text-align: right;\">     -5</td><td><b>new</b></td></tr>\n" +
    "<tr><td>x_y {1}    </td><td style=\"text-align: right;\">1234.5 </td><td style=\"text-align: right;\">      7</td><td>50% ~$#^\\ </td></tr>\n" +
    "</tbody>\n" +
    "</table>\n",
  youtrack:
    "||  product      ||    price  ||    stock  ||  note        ||\n" +
    "|  Widget       |     9.99  |      100  |              |\n" +
    "|  Gadget & Co  |    19.5   |       -5  |  <b>new</b>  |\n" +
    "|  x_y {1}      |  1234.5   |        7  |  50% ~$#^\\   |\n",
};

function table(style: string): string {
  const rows = new TableRows();
  for (const r of records) rows.add(parseLossless(r));
  return tabulate(rows, { style });
}

describe('table styles', () => {
  it('offers exactly the styles tested here', () => {
    assert.deepEqual([...STYLE_NAMES], Object.keys(expected).sort());
  });

  for (const [style, text] of Object.entries(expected))
    it(style, () => {
      assert.equal(table(style), text);
    });
});
