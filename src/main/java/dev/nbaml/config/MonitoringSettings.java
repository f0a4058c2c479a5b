package dev.nbaml.config;

/**
 * What each run checks after its write.
 *
 * @param rollingWindow {@code ROLLING_WINDOW}: settled games in the rolling figures
 * @param driftWindow {@code DRIFT_WINDOW}: latest predicted games compared with the training data
 * @param driftThreshold {@code DRIFT_THRESHOLD}: population stability index above which a feature
 *     is flagged
 * @param settleDays {@code SETTLE_DAYS}: how many days back each run settles results
 */
public record MonitoringSettings(
    int rollingWindow, int driftWindow, double driftThreshold, int settleDays) {}
