# Newsroom: build, run locally, test, benchmark, and SAM's per-function build targets.
MVN ?= mvn -B -q
JAVA ?= java
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
CLASSPATH_FILE := $(ROOT)/local/target/classpath.txt
LOCAL_CP = $(ROOT)/local/target/classes:$(shell cat $(CLASSPATH_FILE) 2>/dev/null)

.PHONY: run test unit build bench bench-interceptors class-lists format lint clean

SERIALIZATION_JAR = $(shell tr ':' '\n' < $(CLASSPATH_FILE) 2>/dev/null | grep aws-lambda-java-serialization)

## make run: the whole system on localhost (API :3000, emulator :4566), with sample content.
run: build
	@cd $(ROOT) && exec $(JAVA) -Dnewsroom.root=$(ROOT) -cp "$(LOCAL_CP)" org.newsroom.local.Main

## make build: compile and package every module (functions' deployable jars included), no tests.
build:
	cd $(ROOT) && $(MVN) -DskipTests package

## make test: unit tests and the integration tests against the local stack on the emulator.
test:
	cd $(ROOT) && rm -rf */target/*-reports */*/target/*-reports && mvn -B -ntp -DskipITs=false verify
	@cd $(ROOT) && python3 .ci/test-summary.py

## make unit: unit tests only (no network, no emulator).
unit:
	cd $(ROOT) && $(MVN) test

## make bench: cold start, primed first request, jar size and peak memory of every function (fresh
## JVM each run) beside the JVM floor and a bare-SDK row, then each HTTP function's warm path;
## updates README's table (full runs only). BENCH_RUNS (default 10), BENCH_FUNCTIONS=Id1,Id2 (only
## those), BENCH_WARM=0 (cold rows only), BENCH_VERBOSE=1, BENCH_JVM_EXTRA (flags for every probe JVM), BENCH_JAVA_OPTS (the bench's
## own JVM, e.g. a flight recording of the warm path). SdkCallTimer, the interceptor that times the SDK
## calls (each probe's first request, the warm loop), is put on the bench's and the probes' class
## paths only, through the SDK's global interceptor file: never into a function's jar.
BENCH_INTERCEPTORS := $(ROOT)/local/target/bench-interceptors
# The functions' JAVA_TOOL_OPTIONS (template.yaml): the warm paths run in the bench's own JVM, which
# refuses to measure one whose options it lacks. After BENCH_JAVA_OPTS, so that they win over it.
BENCH_WARM_JVM := -XX:+TieredCompilation -XX:TieredStopAtLevel=1
# The probes' class path: the interceptor's file, the probe classes, the runtime's serialisers.
BENCH_PROBE_CP = $(BENCH_INTERCEPTORS):$(ROOT)/local/target/classes:$(SERIALIZATION_JAR)

bench-interceptors:
	@mkdir -p $(BENCH_INTERCEPTORS)/software/amazon/awssdk/global/handlers
	@echo org.newsroom.local.bench.SdkCallTimer > $(BENCH_INTERCEPTORS)/software/amazon/awssdk/global/handlers/execution.interceptors

bench: build bench-interceptors
	@cd $(ROOT) && $(JAVA) $(BENCH_JAVA_OPTS) $(BENCH_WARM_JVM) -Dnewsroom.root=$(ROOT) \
	  -Dnewsroom.probe.classpath="$(BENCH_PROBE_CP)" \
	  -cp "$(BENCH_INTERCEPTORS):$(LOCAL_CP)" org.newsroom.local.bench.ColdStartBench --readme

## make class-lists: each function's cold-start class list (src/main/resources/<handler>.classes),
## which ClassPreload loads on a second thread at a cold start: one cold start of each function's
## bench event with -Xlog:class+load, then the jars built again with the new lists. Run it after
## changing what a function's first request runs; BENCH_FUNCTIONS=Id1,Id2 writes only those.
class-lists: build bench-interceptors
	@cd $(ROOT) && $(JAVA) -Dnewsroom.root=$(ROOT) \
	  -Dnewsroom.probe.classpath="$(BENCH_PROBE_CP)" \
	  -cp "$(BENCH_INTERCEPTORS):$(LOCAL_CP)" org.newsroom.local.bench.ClassLists
	cd $(ROOT) && $(MVN) -DskipTests package

## make format: rewrite every module's Java sources in the project's style (google-java-format, AOSP).
format:
	cd $(ROOT) && $(MVN) spotless:apply

lint:
	cfn-lint template.yaml

clean:
	cd $(ROOT) && $(MVN) clean

# --- SAM: `sam build` runs these (BuildMethod: makefile) with ARTIFACTS_DIR set, through the
# functions/<name>/Makefile of each function's CodeUri. ---
# Each packages one function's shaded jar into the artifact's lib/, where the Java runtime finds it.
# `sam build --parallel` starts them all at once, and every one builds the shared modules (-am):
# two Maven builds writing the same target/ folders corrupt each other, so each holds a lock
# (flock, util-linux; macOS: brew install flock) while it builds and copies. Parallel builds thus
# run one at a time: safe, not faster. Without flock, do not use --parallel.
SAM_BUILD_LOCK := $(ROOT)/target/sam-build.lock
define lambda_jar
	mkdir -p "$(ARTIFACTS_DIR)/lib" $(ROOT)/target
	cd $(ROOT) && $(if $(shell command -v flock),flock $(SAM_BUILD_LOCK)) sh -c \
		'$(MVN) -DskipTests package -pl $(1) -am && cp $(1)/target/*-lambda.jar "$(ARTIFACTS_DIR)/lib/"'
endef

# Each function's template logical id and its module folder under functions/.
FUNCTION_MODULES := \
  ArticlesReadFunction=articles-read \
  ArticlesAdminFunction=articles-admin \
  NewsletterSignupFunction=newsletter-signup \
  ConfirmationMailerFunction=confirmation-mailer \
  SubscriptionLinksFunction=subscription-links \
  BounceHandlerFunction=bounce-handler \
  StripeWebhookFunction=stripe-webhook \
  MembershipStatsFunction=membership-stats \
  GiftRedeemFunction=gift-redeem \
  GiftMailerFunction=gift-mailer \
  NewsletterIssuesFunction=newsletter-issues \
  IssueSenderFunction=issue-sender

module_of = $(patsubst $(1)=%,%,$(filter $(1)=%,$(FUNCTION_MODULES)))

build-%:
	$(if $(call module_of,$*),,$(error No function module is mapped to $* in FUNCTION_MODULES))
	$(call lambda_jar,functions/$(call module_of,$*))

STRIPE_SECRET ?= whsec_newsroom_local
STRIPE_SAMPLES := checkout-subscription invoice-paid subscription-updated-paused subscription-updated-active invoice-paid-trial checkout-gift checkout-gift-invalid-recipient charge-refunded subscription-deleted ignored-event

## make stripe-events: sign the sample Stripe events with the local secret and POST them to the
## running local API (PORT, default 3000); prints the supporter count after each. REPLAY=1 resends
## the samples with their original ids (nothing changes the second time).
.PHONY: stripe-events import-members redrive transform-check secret deploy deploy-check send-issue campaign gift-jobs
stripe-events:
	@test -s $(CLASSPATH_FILE) || (cd $(ROOT) && $(MVN) -DskipTests package -pl local -am)
	@cd $(ROOT) && $(JAVA) -cp "$(LOCAL_CP)" org.newsroom.local.StripeEventSender http://127.0.0.1:$(or $(PORT),3000) \
		"$(STRIPE_SECRET)" $(if $(REPLAY),--replay) $(foreach e,$(STRIPE_SAMPLES),events/stripe-webhook/$(e).json)

## make import-members CSV=members.csv [TABLE=name] [PEPPER=<stack name>/pepper]: idempotent import of
## existing members (email,plan,start_date) into the memberships table and its counters, using the
## shell's AWS settings (AWS_ENDPOINT_URL for the emulator). TABLE defaults to $$MEMBERSHIPS_TABLE,
## PEPPER (the stack's pepper secret, <stack name>/pepper, which keys member ids) to $$PEPPER_SECRET_ID.
import-members:
	@test -n "$(CSV)" || (echo "usage: make import-members CSV=path/to/members.csv [TABLE=memberships-table] [PEPPER=<stack>/pepper]" && exit 2)
	@test -s $(CLASSPATH_FILE) || (cd $(ROOT) && $(MVN) -DskipTests package -pl local -am)
	@PEPPER_SECRET_ID="$(or $(PEPPER),$(PEPPER_SECRET_ID))" \
		$(JAVA) -cp "$(LOCAL_CP)" org.newsroom.memberships.ImportMembers "$(abspath $(CSV))" $(TABLE)

## make campaign [ID=birthday TITLE='1,000 new members' GOAL=1000 STARTS=2026-11-01 ENDS=2026-11-30]
## [CLEAR=1] [ON=aws TABLE=<MembershipsTableName output>]: shows, sets (ID given) or ends (CLEAR=1)
## the campaign stored in the memberships table; no deploy. Locally (default) against the emulator
## of `make run` (AWS_ENDPOINT_URL, default http://127.0.0.1:4566); ON=aws uses the shell's AWS
## settings. Dates are UTC days (the end day included) or instants. README: Campaigns.
campaign:
	@test -z "$(filter aws,$(ON))" -o -n "$(or $(TABLE),$(MEMBERSHIPS_TABLE))" || (echo "ON=aws needs TABLE=<MembershipsTableName output>" && exit 2)
	@test -s $(CLASSPATH_FILE) || (cd $(ROOT) && $(MVN) -DskipTests package -pl local -am)
	@$(if $(filter aws,$(ON)),,AWS_ENDPOINT_URL="$(or $(AWS_ENDPOINT_URL),http://127.0.0.1:4566)" AWS_REGION=us-east-1 \
		AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local) \
		$(JAVA) -cp "$(LOCAL_CP)" org.newsroom.memberships.CampaignCommand \
		$(if $(CLEAR),clear,$(if $(ID),put,show)) "table=$(or $(TABLE),$(if $(filter aws,$(ON)),,MembershipsTable))" \
		"id=$(ID)" "title=$(TITLE)" "goal=$(GOAL)" "starts=$(STARTS)" "ends=$(ENDS)"

## make gift-jobs [RETRY=<gift id>:<kind>] [GIFT=<gift id> RECIPIENT=<address>] [TABLE=name]: lists
## the dead-lettered gift jobs and the gifts waiting for a recipient address; RETRY makes a dead
## letter due again; GIFT+RECIPIENT sets a corrected recipient address and sends the gift. Uses the
## shell's AWS settings (AWS_ENDPOINT_URL for the emulator); TABLE defaults to $$MEMBERSHIPS_TABLE.
gift-jobs:
	@test -s $(CLASSPATH_FILE) || (cd $(ROOT) && $(MVN) -DskipTests package -pl local -am)
	@MEMBERSHIPS_TABLE="$(or $(TABLE),$(MEMBERSHIPS_TABLE))" $(JAVA) -cp "$(LOCAL_CP)" org.newsroom.memberships.GiftJobs \
		$(if $(RETRY),retry $(subst :, ,$(RETRY)),$(if $(RECIPIENT),recipient "$(GIFT)" "$(RECIPIENT)",list))

## make redrive QUEUE=<queue logical id or URL> [ON=aws] [FUNCTION=<name or ARN>]: replays a
## dead-letter or failure queue through its function and deletes what succeeded. Locally (default)
## against the emulator at AWS_ENDPOINT_URL (http://127.0.0.1:4566), e.g. QUEUE=BounceDeadLetterQueue;
## ON=aws uses the shell's AWS settings, QUEUE being the URL from the stack's outputs.
redrive:
	@test -n "$(QUEUE)" || (echo "usage: make redrive QUEUE=<queue logical id or URL> [ON=aws] [FUNCTION=<name or ARN>]" && exit 2)
	@test -s $(CLASSPATH_FILE) || (cd $(ROOT) && $(MVN) -DskipTests package -pl local -am)
	@cd $(ROOT) && $(JAVA) -Dnewsroom.root=$(ROOT) -cp "$(LOCAL_CP)" org.newsroom.local.Redrive "$(QUEUE)" \
		$(if $(filter aws,$(ON)),--aws) $(if $(FUNCTION),--function "$(FUNCTION)")

## make secret NAME=<secret logical id> VALUE=<value>: rotates one of the template's secrets in the
## running local stack (the emulator at AWS_ENDPOINT_URL, default http://127.0.0.1:4566), with no
## restart: the functions read it within SecretsCacheSeconds. E.g. NAME=StripeWebhookSecret
## VALUE='{"current":"whsec_new","previous":"whsec_newsroom_local"}'. On AWS: README, Rotating secrets.
secret:
	@test -n "$(NAME)" -a -n "$(VALUE)" || (echo "usage: make secret NAME=<secret logical id> VALUE=<value>" && exit 2)
	@test -s $(CLASSPATH_FILE) || (cd $(ROOT) && $(MVN) -DskipTests package -pl local -am)
	@cd $(ROOT) && $(JAVA) -Dnewsroom.root=$(ROOT) -cp "$(LOCAL_CP)" org.newsroom.local.PutSecret "$(NAME)" '$(VALUE)'

## make deploy [ENV=dev|prod] [PARAMS="Name=Value ..."]: sam build, then name every function's
## published version after a digest of its built code and resolved settings (VersionDigests), then
## sam deploy, so a parameter-only change reaches the live alias too (plain `sam deploy` publishes
## new code but not parameter changes). PARAMS are passed to both, after samconfig.toml's own.
SAM_ENV ?= $(or $(ENV),dev)
SAMCONFIG_PARAMS = $(shell cd $(ROOT) && python3 -c 'import sys,tomllib;c=tomllib.load(open("samconfig.toml","rb")) if __import__("os").path.exists("samconfig.toml") else {};p=c.get(sys.argv[1],{}).get("deploy",{}).get("parameters",{}).get("parameter_overrides","");print(" ".join(p) if isinstance(p,list) else p)' $(SAM_ENV))
deploy:
	cd $(ROOT) && sam build --config-env $(SAM_ENV)
	@test -s $(CLASSPATH_FILE) || (cd $(ROOT) && $(MVN) -DskipTests package -pl local -am)
	cd $(ROOT) && $(JAVA) -cp "$(LOCAL_CP)" org.newsroom.local.VersionDigests .aws-sam/build/template.yaml $(SAMCONFIG_PARAMS) $(PARAMS)
	cd $(ROOT) && sam deploy --config-env $(SAM_ENV) $(if $(PARAMS),--parameter-overrides $(SAMCONFIG_PARAMS) $(PARAMS))

## make deploy-check: what must hold before a deploy, offline (CI runs it): cfn-lint on the template,
## the SAM transform and cfn-lint on its output, each function's Settings built from the environment
## the template gives it and no secret in any environment (TemplateSettingsTest), versions that change
## with code and parameters (VersionDigestsTest, aws-sam-translator required), and each packaged jar
## holding its handler and nothing from local/ (and each CodeUri its own module folder), and what
## `sam build` runs from each function's folder (sam-build-check: every function as a dry run, one
## built for real).
deploy-check:
	cd $(ROOT) && cfn-lint template.yaml
	cd $(ROOT) && python3 .ci/sam-transform-check.py
	cd $(ROOT) && python3 .ci/sam-build-check.py --build MembershipStatsFunction
	cd $(ROOT) && NEWSROOM_REQUIRE_SAM_TRANSLATOR=1 $(MVN) test -pl local -am \
		-Dtest='VersionDigestsTest,TemplateSettingsTest,DeployTemplateTest' -Dsurefire.failIfNoSpecifiedTests=false
	cd $(ROOT) && $(MVN) -DskipTests package
	cd $(ROOT) && python3 .ci/jar-check.py

## make send-issue NEWSLETTER=<id> FILE=<issue.html or .json> [PORT=3000] [TOKEN=...]: creates an
## issue through the running local API (admin token: TOKEN, else NEWSROOM_ADMIN_TOKEN, else the one
## `make run` wrote to .local/admin-token), sends it to the newsletter's confirmed readers, follows
## it until sent, and prints where the copies are (/_local/outbox). Sample:
## make send-issue NEWSLETTER=daily-briefing FILE=local/sample/issues/daily-briefing.html
send-issue:
	@test -n "$(NEWSLETTER)" -a -n "$(FILE)" || (echo "usage: make send-issue NEWSLETTER=daily-briefing FILE=local/sample/issues/daily-briefing.html [PORT=3000] [TOKEN=...]" && exit 2)
	@test -s $(CLASSPATH_FILE) || (cd $(ROOT) && $(MVN) -DskipTests package -pl local -am)
	@cd $(ROOT) && $(JAVA) -cp "$(LOCAL_CP)" org.newsroom.local.SendIssue http://127.0.0.1:$(or $(PORT),3000) \
		"$(NEWSLETTER)" "$(abspath $(FILE))" "$(or $(TOKEN),$(NEWSROOM_ADMIN_TOKEN),$(shell cat $(ROOT)/.local/admin-token 2>/dev/null))"

## make transform-check: transforms template.yaml with aws-sam-translator (offline) and lints the result.
transform-check:
	@cd $(ROOT) && python3 .ci/sam-transform-check.py
