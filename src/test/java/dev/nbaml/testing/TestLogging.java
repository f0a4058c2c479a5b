package dev.nbaml.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes java.util.logging (Tribuo's log) through SLF4J for the whole test run, so that its lines
 * have the tests' format and level (src/test/resources/simplelogger.properties: WARN) instead of
 * JUL's own two-line INFO records on the console. Registered in META-INF/services.
 */
public final class TestLogging implements LauncherSessionListener {
  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }
}
