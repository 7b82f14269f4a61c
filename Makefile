# Build targets for `sam build`: each function's Metadata says BuildMethod: makefile, and SAM runs the target
# build-<logical ID> with ARTIFACTS_DIR set to the folder it deploys. Each target builds the function's module with
# the Maven wrapper and unpacks its jar there, as Lambda unpacks an uploaded jar. Maven reads extra options from
# MAVEN_ARGS (for example -o). Without make (Windows): ./mvnw -B package, then sam deploy, without sam build.
# See docs/deploy.md, "sam build".

# This file's folder, the repository root: SAM runs make in a copy of the function's sources, not here.
ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))

.PHONY: build-AuthorizerFunction build-HelloFunction

build-AuthorizerFunction:
	cd "$(ROOT)" && ./mvnw -B -q package -DskipTests -pl authorizer -am
	cd "$(ARTIFACTS_DIR)" && jar xf "$(ROOT)/authorizer/target/authorizer.jar"

build-HelloFunction:
	cd "$(ROOT)" && ./mvnw -B -q package -DskipTests -pl hello-lambda -am
	cd "$(ARTIFACTS_DIR)" && jar xf "$(ROOT)/hello-lambda/target/hello-lambda.jar"
