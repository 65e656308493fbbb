# RdvSP: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help
WEB_DLL := src/Web/bin/Release/net10.0/RdvSP.Web.dll
PG_RUN := Host=127.0.0.1;Port=5433;Username=rdvsp;Password=rdvsp;Database=rdvsp
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

.PHONY: help run test stop services build migrate seed bench load load-agents load-api load-providers-down drill load-burst-loser clean

help:
	@echo "make run    installs what is missing, starts PostgreSQL + Redis, migrates, seeds, serves http://localhost:5000"
	@echo "make test   same set-up on test databases, then every test; ends with 'N passed, N failed'"
	@echo "make stop   stops PostgreSQL and Redis"
	@echo "make bench  runs the BenchmarkDotNet benchmarks (docs/performance.md)"
	@echo "make load   measures the public pages with wrk (docs/performance.md)"
	@echo "make load-agents  measures the agenda feeds and the RDV list with wrk (docs/performance.md)"
	@echo "make load-api  measures GET /api/v1/organisations/{id}/rdvs with wrk (docs/performance.md)"
	@echo "make load-providers-down  times usager bookings while the e-mail/SMS providers answer, hang or fail"
	@echo "make load-burst-loser  wrk on a burst loser's confirmation, after make drill (docs/performance.md)"
	@echo "make drill  reliability drill: Redis/PostgreSQL/web process failures and a booking burst on two"
	@echo "            Release processes, with its own PostgreSQL + Redis (docs/reliability.md); non-zero on failure"

services:
	@scripts/services.sh start

build:
	dotnet build src/Web -c Release --nologo -v quiet

migrate: services build
	@scripts/services.sh createdb rdvsp
	ConnectionStrings__Postgres="$(PG_RUN)" dotnet $(WEB_DLL) migrate

seed: services build
	@scripts/services.sh createdb rdvsp
	ConnectionStrings__Postgres="$(PG_RUN)" dotnet $(WEB_DLL) seed

MAILS := $(CURDIR)/.data/mails

run: seed
	@mkdir -p "$(MAILS)"
	@echo "E-mails (confirmation de compte, mot de passe oublié) : pas d'envoi en développement, chaque e-mail"
	@echo "est écrit dans $(MAILS)/ (un fichier .eml par e-mail, lisible comme du texte)."
	@echo "RdvSP on http://localhost:5000 (Ctrl+C to stop the app; 'make stop' stops PostgreSQL and Redis)"
	ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Postgres="$(PG_RUN)" \
	  MAIL_PICKUP_DIRECTORY="$(MAILS)" APP_BASE_URL=http://localhost:5000 \
	  dotnet $(WEB_DLL) --urls http://localhost:5000 --contentRoot $(CURDIR)/src/Web

test: services
	@scripts/test.sh

stop:
	@scripts/services.sh stop

bench:
	dotnet run -c Release --project bench/Benchmarks -- --filter '*'

load: seed
	@scripts/load.sh

load-agents: seed
	@scripts/load-agents.sh

load-api: seed
	@scripts/load-api.sh

load-providers-down: seed
	@scripts/load-booking-provider-down.sh

drill:
	@scripts/drill.sh

load-burst-loser:
	@scripts/load-burst-loser.sh

clean:
	dotnet clean --nologo -v quiet
