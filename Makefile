# sam build (BuildMethod: makefile) calls build-<LogicalId>: the shaded jar goes under lib/, where the
# Lambda Java runtime puts jars on the classpath.
# JAR and PACKAGE can be set from the environment: the deploy job lays out the jar its CI run tested
# (JAR=path, PACKAGE=true: no rebuild), and the runtime harness (LambdaRuntimeIT) lays out the jar
# Maven has just packaged.
JAR ?= target/ml-pipeline.jar
PACKAGE ?= mvn -B -q -ntp -DskipTests package

build-ScoringFunction:
	$(PACKAGE)
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp "$(JAR)" "$(ARTIFACTS_DIR)/lib/ml-pipeline.jar"
