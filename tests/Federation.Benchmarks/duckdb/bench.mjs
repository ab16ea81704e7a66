// DuckDB as its users run it: in a process of its own, through the npm client. The .NET benchmark
// (tests/Federation.Benchmarks) writes one JSON request a line on stdin and reads one JSON answer a line on stdout:
//   {"exec": "SQL"}                                   -> {"ok": true}
//   {"sql": "SQL", "warmups": 2, "runs": 3}           -> {"ms": [..timed runs..], "columns": [...], "rows": [[...]]}
// any failure                                         -> {"error": "message"}
// Timing covers running the query and reading every row into JS values, as an application would.
import { DuckDBInstance } from '@duckdb/node-api';
import { createInterface } from 'node:readline';

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const lines = createInterface({ input: process.stdin, terminal: false });

for await (const line of lines) {
  if (line.trim() === '') continue;
  let answer;
  try {
    const request = JSON.parse(line);
    if (request.exec !== undefined) {
      await connection.run(request.exec);
      answer = { ok: true };
    } else {
      const ms = [];
      let reader;
      for (let run = 0; run < request.warmups + request.runs; run++) {
        const start = process.hrtime.bigint();
        reader = await connection.runAndReadAll(request.sql);
        reader.getRowsJS();
        const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
        if (run >= request.warmups) ms.push(elapsed);
      }
      answer = { ms, columns: reader.columnNames(), rows: reader.getRowsJson() };
    }
  } catch (error) {
    answer = { error: String(error && error.message ? error.message : error) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}
