/** Child process: seeds one size into a folder and writes what it made as JSON (keeps seeding out of the measured process). */
import fs from 'node:fs';
import { seed, type Size } from './seed';

const [size, dataDir, outFile] = process.argv.slice(2) as [Size, string, string];
const info = await seed(size, dataDir);
fs.writeFileSync(outFile, JSON.stringify(info));
