package dev.nbaml.monitoring;

import dev.nbaml.config.PromotionConfig;
import dev.nbaml.core.Monitoring;
import dev.nbaml.core.Monitoring.SettledGame;
import dev.nbaml.core.PairedComparison;
import dev.nbaml.core.Reasons;
import dev.nbaml.training.Calibration;
import dev.nbaml.training.Metrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A page a person would rather look at than read: the model's rolling accuracy and Brier score
 * against the moneyline favourite over time, a reliability diagram, and the drift of each feature.
 * PNG charts (XChart) embedded in one self-contained HTML file, and written beside it.
 */
public final class MonitoringReport {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 420;

  private MonitoringReport() {}

  /** How many reasons the slate section gives for each pick. */
  static final int REASONS = 3;

  /**
   * What the report is about.
   *
   * @param slate the games of the latest date in the predictions table, with their explanations
   * @param comparison the live model against the shadow model, where there is one (else null)
   */
  public record Input(
      String modelVersion,
      List<SettledGame> games,
      int window,
      Monitoring.Drift drift,
      String generatedAt,
      List<Monitoring.SlateGame> slate,
      Comparison comparison) {

    /** A report without a slate or a shadow model to compare. */
    public Input(
        String modelVersion,
        List<SettledGame> games,
        int window,
        Monitoring.Drift drift,
        String generatedAt) {
      this(modelVersion, games, window, drift, generatedAt, List.of(), null);
    }

    /** A report with the latest slate, without a shadow model. */
    public Input(
        String modelVersion,
        List<SettledGame> games,
        int window,
        Monitoring.Drift drift,
        String generatedAt,
        List<Monitoring.SlateGame> slate) {
      this(modelVersion, games, window, drift, generatedAt, slate, null);
    }

    /** A report with a comparison, without a slate. */
    public Input(
        String modelVersion,
        List<SettledGame> games,
        int window,
        Monitoring.Drift drift,
        String generatedAt,
        Comparison comparison) {
      this(modelVersion, games, window, drift, generatedAt, List.of(), comparison);
    }
  }

  /**
   * The live model against the shadow model ({@code MODEL_SHADOW_ALIAS}) on the settled games both
   * scored.
   */
  public record Comparison(String liveVersion, String candidateVersion, PairedComparison result) {}

  /** Writes {@code index.html} and the PNG charts into {@code dir}; returns the page. */
  public static Path write(Path dir, Input in) throws IOException {
    Files.createDirectories(dir);
    Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();
    charts.put("rolling-accuracy", rolling(in, true));
    charts.put("rolling-brier", rolling(in, false));
    charts.put("calibration", calibration(in));
    charts.put("drift", drift(in));
    Map<String, String> images = new LinkedHashMap<>();
    for (Map.Entry<String, Chart<?, ?>> e : charts.entrySet()) {
      Path png = dir.resolve(e.getKey() + ".png");
      BitmapEncoder.saveBitmap(e.getValue(), png.toString(), BitmapEncoder.BitmapFormat.PNG);
      images.put(e.getKey(), Base64.getEncoder().encodeToString(Files.readAllBytes(png)));
    }
    Path page = dir.resolve("index.html");
    Files.writeString(page, html(in, images), StandardCharsets.UTF_8);
    return page;
  }

  private static XYChart rolling(Input in, boolean accuracy) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(
                (accuracy ? "Accuracy" : "Brier score")
                    + " over the last "
                    + in.window()
                    + " settled games")
            .xAxisTitle("game date")
            .yAxisTitle(accuracy ? "accuracy" : "Brier score (lower is better)")
            .build();
    chart
        .getStyler()
        .setDatePattern("yyyy-MM-dd")
        .setMarkerSize(0)
        .setLegendPosition(LegendPosition.InsideNE);
    List<Date> dates = new ArrayList<>();
    List<Double> model = new ArrayList<>();
    List<Double> market = new ArrayList<>();
    List<SettledGame> games = in.games();
    for (int i = 0; i < games.size(); i++) {
      if (i + 1 < games.size() && games.get(i + 1).gameDate().equals(games.get(i).gameDate())) {
        continue; // one point per date, after its last game
      }
      List<SettledGame> window = games.subList(Math.max(0, i + 1 - in.window()), i + 1);
      dates.add(Date.from(games.get(i).gameDate().atStartOfDay().toInstant(ZoneOffset.UTC)));
      model.add(metric(window, false, accuracy));
      market.add(metric(window, true, accuracy));
    }
    if (dates.isEmpty()) {
      dates.add(Date.from(LocalDate.now().atStartOfDay().toInstant(ZoneOffset.UTC)));
      model.add(Double.NaN);
      market.add(Double.NaN);
    }
    XYSeries m = chart.addSeries(in.modelVersion(), dates, model);
    m.setLineColor(new Color(0x1f77b4));
    m.setMarker(SeriesMarkers.NONE);
    XYSeries f = chart.addSeries("moneyline favourite", dates, market);
    f.setLineColor(new Color(0xff7f0e));
    f.setMarker(SeriesMarkers.NONE);
    f.setLineStyle(
        new BasicStroke(
            2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    return chart;
  }

  private static double metric(List<SettledGame> window, boolean market, boolean accuracy) {
    List<SettledGame> usable =
        market ? window.stream().filter(g -> g.market() != null).toList() : window;
    if (usable.isEmpty()) {
      return Double.NaN;
    }
    double[] p = usable.stream().mapToDouble(g -> market ? g.market() : g.predicted()).toArray();
    int[] y = usable.stream().mapToInt(SettledGame::homeWin).toArray();
    Metrics m = Metrics.of(p, y);
    return accuracy ? m.accuracy() : m.brier();
  }

  private static XYChart calibration(Input in) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title("Reliability: predicted P(home win) against how often the home team won")
            .xAxisTitle("predicted probability (bin mean)")
            .yAxisTitle("observed home-win rate")
            .build();
    chart
        .getStyler()
        .setXAxisMin(0.0)
        .setXAxisMax(1.0)
        .setYAxisMin(0.0)
        .setYAxisMax(1.0)
        .setLegendPosition(LegendPosition.InsideNW);
    XYSeries diagonal =
        chart.addSeries("perfect calibration", new double[] {0, 1}, new double[] {0, 1});
    diagonal.setMarker(SeriesMarkers.NONE);
    diagonal.setLineColor(Color.GRAY);
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    if (!in.games().isEmpty()) {
      double[] p = in.games().stream().mapToDouble(SettledGame::predicted).toArray();
      int[] o = in.games().stream().mapToInt(SettledGame::homeWin).toArray();
      for (Calibration.Bin b : Calibration.table(p, o)) {
        if (b.games() > 0) {
          x.add(b.meanPredicted());
          y.add(b.observed());
        }
      }
    }
    if (x.isEmpty()) {
      x.add(Double.NaN);
      y.add(Double.NaN);
    }
    XYSeries points =
        chart.addSeries(in.modelVersion() + " (" + in.games().size() + " games)", x, y);
    points.setLineColor(new Color(0x1f77b4));
    points.setMarker(SeriesMarkers.CIRCLE);
    return chart;
  }

  private static CategoryChart drift(Input in) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(
                in.drift() == null
                    ? "Drift: no training distributions in the model card"
                    : "Drift of each feature over the last "
                        + in.drift().games()
                        + " games (PSI; flagged above "
                        + in.drift().threshold()
                        + ")")
            .xAxisTitle("feature")
            .yAxisTitle("population stability index")
            .build();
    chart.getStyler().setXAxisLabelRotation(45).setLegendVisible(false);
    List<String> names = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    if (in.drift() != null) {
      in.drift()
          .psi()
          .forEach(
              (k, v) -> {
                names.add(k);
                values.add(v);
              });
    }
    if (names.isEmpty()) {
      names.add("(none)");
      values.add(0.0);
    }
    chart.addSeries("PSI", names, values).setFillColor(new Color(0x2ca02c));
    return chart;
  }

  private static String html(Input in, Map<String, String> images) {
    StringBuilder s = new StringBuilder();
    s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>NBA predictions: monitoring of ")
        .append(escape(in.modelVersion()))
        .append("</title>")
        .append("<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}")
        .append(
            "img{max-width:100%;border:1px solid #ddd;margin:.5em 0}table{border-collapse:collapse}")
        .append(
            "td,th{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:right}.flag{color:#c00;font-weight:bold}")
        .append("</style></head><body>\n");
    s.append("<h1>NBA predictions: how ")
        .append(escape(in.modelVersion()))
        .append(" is doing</h1>\n");
    s.append("<p>Generated ")
        .append(escape(in.generatedAt()))
        .append(". ")
        .append(in.games().size())
        .append(" settled predictions. Rolling figures cover the last ")
        .append(in.window())
        .append(" settled games.</p>\n");
    if (!in.games().isEmpty()) {
      int from = Math.max(0, in.games().size() - in.window());
      List<SettledGame> last = in.games().subList(from, in.games().size());
      s.append("<table><tr><th></th><th>accuracy</th><th>Brier</th></tr>")
          .append(row(in.modelVersion(), last, false))
          .append(row("moneyline favourite", last, true))
          .append("</table>\n");
    }
    comparison(s, in.comparison());
    s.append("<h2>Rolling accuracy</h2><img alt=\"rolling accuracy\" src=\"data:image/png;base64,")
        .append(images.get("rolling-accuracy"))
        .append("\">\n");
    s.append(
            "<h2>Rolling Brier score</h2><img alt=\"rolling Brier score\" src=\"data:image/png;base64,")
        .append(images.get("rolling-brier"))
        .append("\">\n");
    s.append(
            "<h2>Calibration</h2><p>Points on the diagonal mean that a predicted 70% wins 70% of the time.</p>")
        .append("<img alt=\"calibration\" src=\"data:image/png;base64,")
        .append(images.get("calibration"))
        .append("\">\n");
    s.append(
            "<h2>Drift</h2><p>Population stability index of each feature, the latest games against the training"
                + " data in the model card; healthy seasons stay below about 0.4.</p>")
        .append("<img alt=\"drift\" src=\"data:image/png;base64,")
        .append(images.get("drift"))
        .append("\">\n");
    if (in.drift() != null) {
      s.append("<table><tr><th>feature</th><th>PSI</th></tr>");
      in.drift()
          .psi()
          .forEach(
              (k, v) ->
                  s.append("<tr><td>")
                      .append(escape(k))
                      .append("</td><td")
                      .append(in.drift().flagged().contains(k) ? " class=\"flag\">" : ">")
                      .append(v)
                      .append("</td></tr>"));
      s.append("</table>\n");
    }
    s.append(slate(in.slate()));
    return s.append("</body></html>\n").toString();
  }

  /** The latest slate: each game's pick and the largest reasons of its explanation, in words. */
  static String slate(List<Monitoring.SlateGame> slate) {
    StringBuilder s = new StringBuilder("<h2 id=\"slate\">Latest slate</h2>\n");
    if (slate == null || slate.isEmpty()) {
      return s.append("<p>No predictions yet.</p>\n").toString();
    }
    s.append("<p>")
        .append(slate.get(0).game().gameDate())
        .append(": each game's pick and the ")
        .append(REASONS)
        .append(
            " features that moved its probability most from an average game's (the explanation column).</p>\n")
        .append("<table class=\"slate\"><tr><th>game</th><th>pick</th><th>reasons</th></tr>\n");
    for (Monitoring.SlateGame g : slate) {
      double p = Math.max(g.homeWinPct(), 1 - g.homeWinPct());
      s.append("<tr><td>")
          .append(escape(g.game().awayTeam()))
          .append(" @ ")
          .append(escape(g.game().homeTeam()))
          .append("</td><td>")
          .append(escape(g.pick()))
          .append(" (")
          .append(Math.round(p * 1000) / 10.0)
          .append("%)</td><td style=\"text-align:left\">");
      if (g.explanation() == null) {
        s.append("no explanation (written before explanations were kept)");
      } else {
        s.append("<ol>");
        for (Reasons.Reason r : Reasons.largest(g.explanation(), g.game(), REASONS)) {
          s.append("<li>")
              .append(escape(r.text()))
              .append(" <small>(favours ")
              .append(escape(r.favoursHome() ? g.game().homeTeam() : g.game().awayTeam()))
              .append(String.format(Locale.ROOT, ", %+.2f log-odds", r.contribution()))
              .append(")</small></li>");
        }
        s.append("</ol>");
      }
      s.append("</td></tr>\n");
    }
    return s.append("</table>\n").toString();
  }

  /** Live against candidate on the same settled games (nothing without a shadow model). */
  private static void comparison(StringBuilder s, Comparison c) {
    if (c == null) {
      return;
    }
    PairedComparison r = c.result();
    s.append("<h2 id=\"live-vs-candidate\">Live against candidate</h2>\n<p>")
        .append(escape(c.liveVersion()))
        .append(" (live) and ")
        .append(escape(c.candidateVersion()))
        .append(" (candidate, scored in the shadow) on the ")
        .append(r.games())
        .append(" settled games both scored.</p>\n");
    if (r.games() == 0) {
      return;
    }
    s.append("<table><tr><th></th><th>accuracy</th><th>Brier</th><th>log loss</th></tr>")
        .append(side(c.liveVersion() + " (live)", r.live()))
        .append(side(c.candidateVersion() + " (candidate)", r.candidate()))
        .append("</table>\n");
    s.append(
            "<p>Paired Brier difference (candidate minus live, game by game; below 0: the candidate is better): ")
        .append(String.format(Locale.ROOT, "%.4f", r.brierDifference()))
        .append(r.games() >= 2 ? ", 95% interval " + r.interval() : "")
        .append(". ")
        .append(escape(r.explain(PromotionConfig.DEFAULT_MIN_GAMES)))
        .append(" (as <code>promote --if-better</code> judges it with the default of ")
        .append(PromotionConfig.DEFAULT_MIN_GAMES)
        .append(" games).</p>\n");
  }

  private static String side(String name, PairedComparison.Side side) {
    return "<tr><td>"
        + escape(name)
        + "</td><td>"
        + String.format(Locale.ROOT, "%.3f", side.accuracy())
        + "</td><td>"
        + String.format(Locale.ROOT, "%.4f", side.brier())
        + "</td><td>"
        + String.format(Locale.ROOT, "%.4f", side.logLoss())
        + "</td></tr>";
  }

  private static String row(String name, List<SettledGame> games, boolean market) {
    return "<tr><td>"
        + escape(name)
        + "</td><td>"
        + format(metric(games, market, true))
        + "</td><td>"
        + format(metric(games, market, false))
        + "</td></tr>";
  }

  private static String format(double v) {
    return Double.isNaN(v) ? "-" : String.format("%.3f", v);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
