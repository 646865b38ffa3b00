// Measures jieba-rs (napi binding @node-rs/jieba) on a UTF-8 text file; prints one JSON object.
// Usage: node bench.mjs FILE [REPEATS]
// Each mode is timed on the whole text as one string, as one UTF-8 Buffer, and line by line
// (split on \n like `reportminer segment`); the best of REPEATS runs of each is reported.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const file = process.argv[2]
const repeats = Number(process.argv[3] ?? 3)
if (!file) {
  console.error('usage: node bench.mjs FILE [REPEATS]')
  process.exit(2)
}

const t0 = process.hrtime.bigint()
const { Jieba } = require('@node-rs/jieba')
const { dict } = require('@node-rs/jieba/dict')
const jieba = Jieba.withDict(dict)
const initSeconds = Number(process.hrtime.bigint() - t0) / 1e9

const buffer = readFileSync(file)
const text = buffer.toString('utf8')
const lines = text.split('\n')
const mb = buffer.length / 1e6

// Wall time and process CPU time (user + system) of each run; the best of each is kept.
// CPU time is less disturbed by other processes on a busy machine.
function time(fn) {
  let best = Infinity
  let bestCpu = Infinity
  let tokens = 0
  for (let r = 0; r < repeats; r++) {
    const c = process.cpuUsage()
    const s = process.hrtime.bigint()
    tokens = fn()
    const sec = Number(process.hrtime.bigint() - s) / 1e9
    const cu = process.cpuUsage(c)
    const cpu = (cu.user + cu.system) / 1e6
    if (sec < best) best = sec
    if (cpu < bestCpu) bestCpu = cpu
  }
  return { seconds: best, mbPerSecond: mb / best, cpuSeconds: bestCpu, mbPerCpuSecond: mb / bestCpu, tokens }
}

const modes = {
  accurate: (s) => jieba.cut(s, true),
  accurateNoHmm: (s) => jieba.cut(s, false),
  search: (s) => jieba.cutForSearch(s, true),
}
const results = {}
for (const [name, cut] of Object.entries(modes)) {
  const variants = {
    wholeString: time(() => cut(text).length),
    wholeBuffer: time(() => cut(buffer).length),
    perLine: time(() => {
      let n = 0
      for (const line of lines) if (line.length) n += cut(line).length
      return n
    }),
  }
  const best = Object.entries(variants).reduce((a, b) => (b[1].mbPerSecond > a[1].mbPerSecond ? b : a))
  const bestCpu = Object.entries(variants).reduce((a, b) => (b[1].mbPerCpuSecond > a[1].mbPerCpuSecond ? b : a))
  results[name] = { best: best[0], mbPerSecond: best[1].mbPerSecond, bestCpu: bestCpu[0], mbPerCpuSecond: bestCpu[1].mbPerCpuSecond, variants }
}
const pkg = require('@node-rs/jieba/package.json')
console.log(JSON.stringify({
  implementation: `@node-rs/jieba ${pkg.version} (jieba-rs) on node ${process.version}`,
  file, bytes: buffer.length, repeats, initSeconds, results,
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
}))
