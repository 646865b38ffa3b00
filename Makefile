# ReportMiner — the two commands a new user needs: `make run` and `make test`.
# Everything else (packages, dictionaries, models) is restored or built by these targets.

DOTNET      ?= dotnet
CONFIG      ?= Release
BIN         := bin/reportminer
CLI_PROJECT := src/ReportMiner.Cli/ReportMiner.Cli.csproj
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: all build build-composite run test eval train clean golden models-jieba parity bench-segment bench-ingest bench-run bench-pipeline test-slurm test-provenance

all: build

## build: publish the CLI as bin/reportminer, framework-dependent, the app's assemblies precompiled (ReadyToRun): the
## default because a first build is cheap (7 min against 20 for the composite, measured side by side from fresh clones
## on this shared, loaded VM; see README, First build). A bin/ left by the composite build is replaced.
build:
	@test ! -e bin/libcoreclr.so || rm -rf bin
	$(DOTNET) publish $(CLI_PROJECT) -c $(CONFIG) -o bin --nologo -v quiet -p:UseAppHost=true --use-current-runtime --self-contained false -p:PublishReadyToRun=true
	@test -x $(BIN) && echo "built $(BIN)"

## build-composite: the app and the .NET runtime precompiled together into one ReadyToRun composite image (148 MB):
## no JIT at all, 1.4x less CPU per MB in a batch and a faster first run, for a first build about 3x longer.
build-composite:
	@test ! -e bin || test -e bin/libcoreclr.so || rm -rf bin
	$(DOTNET) publish $(CLI_PROJECT) -c $(CONFIG) -o bin --nologo -v quiet -p:UseAppHost=true --use-current-runtime --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true
	@test -x $(BIN) && echo "built $(BIN)"

## run: build, then mine corpus/ into out/ with the shipped pipeline.yaml
run: build
	$(BIN) run --input corpus --out out

## test: every test (unit, golden-file, end-to-end); prints 'N passed, N failed'
test:
	@bash tests/run-tests.sh

## test-slurm: a throwaway one-node Slurm cluster on localhost runs deploy/slurm (the corpus x45 = 2,025 files, 4 shards,
##             then the merge job) and compares the merged folder with a single run byte for byte; skipped without Slurm
test-slurm:
	@bash tests/slurm/run-slurm-test.sh

## test-provenance: the source-span identity (source_text[start:end] == raw, in code points) on 20,000 generated txt
##                  files instead of make test's 2,000 (RM_PROVENANCE_FILES sets the number)
RM_PROVENANCE_FILES ?= 20000
test-provenance:
	RM_PROVENANCE_FILES=$(RM_PROVENANCE_FILES) $(DOTNET) test tests/ReportMiner.Core.Tests -c $(CONFIG) --filter "FullyQualifiedName~ProvenanceTests" --nologo

## eval: (a) in-sample scores of out/ on all public gold; (b) rules alone vs rules+ML on the sealed split
##       (corpus/gold/sealed.keys; the model trained on every other report); (c) the same in 5-fold CV by
##       document over the rest. The sealed split is scored in aggregate only (see README, Measured).
SEALED := corpus/gold/sealed.keys
## the rules' verdicts on the open issue-14 reports from before they were written on them (tools/first-sight-verdicts.sh)
VERDICTS := models/training/first-sight-verdicts.jsonl
eval: run
	@echo "== (a) in-sample: out/ against all public gold"
	$(BIN) eval --gold corpus/gold --pred out --summary
	@echo "== (b) sealed split: rules alone vs rules+ML trained on the other reports"
	$(BIN) cv --gold corpus/gold --corpus corpus --verdicts $(VERDICTS) --holdout $(SEALED)
	@echo "== (c) 5-fold CV by document outside the sealed split"
	$(BIN) cv --gold corpus/gold --corpus corpus --verdicts $(VERDICTS) --exclude $(SEALED) --folds 5

## train: train the mention classifier on all gold into models/classifier.zip (see models/README.md)
train: build
	$(BIN) train --gold corpus/gold --corpus corpus --verdicts $(VERDICTS) --out models/classifier.zip

## bench-run: end-to-end MB/s of `run` on >= 20 MB of txt reports with --jobs 1 and 2, peak memory, and the fixed cost of a run
bench-run: build-composite
	bash tools/bench-run.sh $(BIN)

## models-jieba: regenerate models/jieba/ from Debian's python3-jieba (the committed files are what runs)
models-jieba:
	@bash tools/make-models-jieba.sh

## parity: regenerate the python-jieba parity expectations of the segmenter tests (skips without python3-jieba)
parity:
	@bash tools/make-parity.sh

## bench-segment: segmenter init time, MB/s per mode, allocations, peak memory, and the ratio to jieba-rs
bench-segment:
	cd bench/jieba-rs && npm install --no-audit --no-fund --loglevel=error
	$(DOTNET) run -c $(CONFIG) --project bench/ReportMiner.Bench

## fuzz: SharpFuzz + AFL++ on the txt, numbers, normalise, pdf, pdf-graph, docx and docx-xml targets, FUZZ_SECONDS each
##       (default 60; FUZZ_TARGETS picks some); crash inputs land in tests/fuzz-findings/. Not part of test/CI.
.PHONY: fuzz
fuzz:
	@bash tools/fuzz.sh

## bench-ingest: fidelity table per format fixture, then PDF pages/s and DOCX MB/s (SECONDS_PER_MEASURE per measure), then a
##               LONG_PAGES-page PDF (tools/make-long-pdf.sh; skipped without soffice/pdfunite) read by us and by pdftotext in
##               the same run: pages per CPU-second and peak RSS, and where our CPU goes on a BREAKDOWN_PAGES-page PDF
SECONDS_PER_MEASURE ?= 3
LONG_PAGES ?= 2000
BREAKDOWN_PAGES ?= 600
bench-ingest: build
	$(DOTNET) run -c $(CONFIG) --project bench/ReportMiner.Bench -- ingest --seconds $(SECONDS_PER_MEASURE) --long-pages $(LONG_PAGES) --breakdown-pages $(BREAKDOWN_PAGES)

clean:
	rm -rf bin out artifacts
	$(DOTNET) clean ReportMiner.sln -v quiet --nologo || true

## golden: regenerate tests/golden/counties from the current pipeline (after an intended change)
golden:
	UPDATE_GOLDEN=1 $(DOTNET) test tests/ReportMiner.Cli.Tests -c $(CONFIG) --filter "FullyQualifiedName~EndToEndTests.County_files_equal_the_golden_output" --nologo

## bench-pipeline: ReportPipeline.Process in-process (1 thread and all cores), the classifier alone under the shipped policy and at recover threshold 0.5, and a breakdown by stage
bench-pipeline:
	$(DOTNET) run -c $(CONFIG) --project bench/ReportMiner.Bench -- pipeline --min-mb 20
