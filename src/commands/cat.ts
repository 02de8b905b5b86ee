// jn cat ADDR... — read each address in turn and write NDJSON to stdout.
import { checkReadable, expandAddresses, parseHeaders, startRead, type CatOptions } from '../sources/open.js';
import { readPlan, type RequestOptions } from '../sources/plans.js';
import { EXIT } from '../kit/exit.js';
import { reportResult } from '../pipeline/result.js';

export async function cat(addresses: string[], opts: CatOptions = {}): Promise<number> {
  const req: RequestOptions = { headers: parseHeaders(opts.header), timeout: opts.timeout };
  const list = expandAddresses(addresses.length ? addresses : ['-']);
  // Check and resolve every address before reading any, so a typo fails fast.
  const plans = list.map((addr) => {
    if (addr.protocol === 'file' && !addr.isStdio) checkReadable(addr);
    return readPlan(addr, req);
  });
  for (const plan of plans) {
    const code = reportResult(await startRead(plan, 1).done);
    if (code !== EXIT.OK) return code;
  }
  return EXIT.OK;
}
