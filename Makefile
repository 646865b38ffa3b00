# ReportMiner — the two commands a new user needs: `make run` and `make test`.
# Everything else (packages, dictionaries, models) is restored or built by these targets.

DOTNET      ?= dotnet
CONFIG      ?= Release
BIN         := bin/reportminer
CLI_PROJECT := src/ReportMiner.Cli/ReportMiner.Cli.csproj
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: all build run test eval bench-ingest clean

all: build

## build: publish the CLI as bin/reportminer
build:
	$(DOTNET) publish $(CLI_PROJECT) -c $(CONFIG) -o bin --nologo -v quiet -p:UseAppHost=true
	@test -x $(BIN) && echo "built $(BIN)"

## run: build, then mine corpus/ into out/ with the shipped pipeline.yaml
run: build
	$(BIN) run --input corpus --out out

## test: every test (unit, golden-file, end-to-end); prints 'N passed, N failed'
test:
	@bash tests/run-tests.sh

## eval: score out/ against the gold in corpus/gold
eval: run
	$(BIN) eval --gold corpus/gold --pred out

## bench-ingest: fidelity table per format fixture, then PDF pages/s and DOCX MB/s (SECONDS per measure)
SECONDS_PER_MEASURE ?= 3
bench-ingest:
	$(DOTNET) build bench/ReportMiner.Bench.Ingest -c Release --nologo -v quiet
	$(DOTNET) bench/ReportMiner.Bench.Ingest/bin/Release/net10.0/ReportMiner.Bench.Ingest.dll --root . --seconds $(SECONDS_PER_MEASURE)

clean:
	rm -rf bin out artifacts
	$(DOTNET) clean ReportMiner.sln -v quiet --nologo || true
