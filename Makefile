# sam build (BuildMethod: makefile) calls build-<LogicalId>: the shaded jar goes under lib/, where the
# Lambda Java runtime puts jars on the classpath.
build-ScoringFunction:
	mvn -B -q -ntp -DskipTests package
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp target/ml-pipeline.jar "$(ARTIFACTS_DIR)/lib/"
