package dev.nbaml.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules the README's layout promises, checked on the compiled classes. */
class ArchitectureTest {
  static final JavaClasses PRODUCT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.nbaml");

  @Test
  void packagesHaveNoCycles() {
    slices().matching("dev.nbaml.(*)..").should().beFreeOfCycles().check(PRODUCT);
  }

  @Test
  void theScoringCoreKnowsNothingOfAwsJdbcOrTheAdapters() {
    noClasses()
        .that()
        .resideInAPackage("dev.nbaml.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "software.amazon..",
            "java.sql..",
            "org.postgresql..",
            "com.amazonaws..",
            "dev.nbaml.aws..",
            "dev.nbaml.db..",
            "dev.nbaml.lambda..",
            "dev.nbaml.model..",
            "dev.nbaml.cli..")
        .check(PRODUCT);
  }

  @Test
  void configurationDependsOnNoAdapter() {
    noClasses()
        .that()
        .resideInAPackage("dev.nbaml.config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.nbaml.aws..",
            "dev.nbaml.db..",
            "dev.nbaml.model..",
            "dev.nbaml.lambda..",
            "dev.nbaml.cli..",
            "dev.nbaml.training..",
            "dev.nbaml.history..",
            "dev.nbaml.monitoring..")
        .check(PRODUCT);
  }

  @Test
  void onlyTheConfigurationReadsTheEnvironment() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.nbaml.config..")
        .should()
        .callMethod(System.class, "getenv")
        .orShould()
        .callMethod(System.class, "getenv", String.class)
        .check(PRODUCT);
  }
}
