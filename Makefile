# Newsroom: build, run locally, test, benchmark, and SAM's per-function build targets.
MVN ?= mvn -B -q
JAVA ?= java
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
CLASSPATH_FILE := $(ROOT)/local/target/classpath.txt
LOCAL_CP = $(ROOT)/local/target/classes:$(shell cat $(CLASSPATH_FILE) 2>/dev/null)

.PHONY: run test unit build bench lint clean

## make run: the whole system on localhost (API :3000, emulator :4566), with sample content.
run: build
	@cd $(ROOT) && exec $(JAVA) -Dnewsroom.root=$(ROOT) -cp "$(LOCAL_CP)" org.newsroom.local.Main

## make build: compile and package every module (functions' deployable jars included), no tests.
build:
	cd $(ROOT) && $(MVN) -DskipTests package

## make test: unit tests and the integration tests against the local stack on the emulator.
test:
	cd $(ROOT) && $(MVN) -DskipITs=false verify

## make unit: unit tests only (no network, no emulator).
unit:
	cd $(ROOT) && $(MVN) test

lint:
	cfn-lint template.yaml

clean:
	cd $(ROOT) && $(MVN) clean

# --- SAM: `sam build` runs these (BuildMethod: makefile) with ARTIFACTS_DIR set. ---
# Each packages one function's shaded jar into the artifact's lib/, where the Java runtime finds it.
define lambda_jar
	cd $(ROOT) && $(MVN) -DskipTests package -pl $(1) -am
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(ROOT)/$(1)/target/*-lambda.jar "$(ARTIFACTS_DIR)/lib/"
endef

build-ArticlesReadFunction:
	$(call lambda_jar,functions/articles-read)

build-ArticlesAdminFunction:
	$(call lambda_jar,functions/articles-admin)

# newsletters build targets
build-NewsletterSignupFunction:
	$(call lambda_jar,functions/newsletter-signup)

build-ConfirmationMailerFunction:
	$(call lambda_jar,functions/confirmation-mailer)

build-SubscriptionLinksFunction:
	$(call lambda_jar,functions/subscription-links)

build-BounceHandlerFunction:
	$(call lambda_jar,functions/bounce-handler)

# memberships build targets
