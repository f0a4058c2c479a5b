package dev.nbaml.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nbaml.testing.TestDatabase;
import dev.nbaml.testing.TestServices;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The binary COPY encoder against PostgreSQL itself: what the server reads back is what was meant.
 */
class BinaryCopyIT {
  static final TestDatabase DB = TestServices.get().newDatabase();

  @AfterAll
  static void dropTheDatabase() {
    DB.drop();
  }

  @Test
  void numbersReadBackAsTheServersOwnFloat8ToNumericCastAndEveryTypeRoundTrips() throws Exception {
    List<Double> values =
        new ArrayList<>(
            List.of(
                0.0,
                -0.0,
                0.6,
                -0.6,
                112.3,
                -160.0,
                310.0,
                0.646,
                2.0,
                1e-7,
                123456.789,
                0.1 + 0.2,
                1.0 / 3,
                200.0 / 3,
                1e15,
                1e20,
                -1e300,
                Double.MIN_VALUE,
                Double.MAX_VALUE,
                9007199254740993.0,
                99999.9999,
                10000.0,
                0.0001,
                1234567890.12345));
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      double magnitude = Math.pow(10, random.nextInt(12) - 4);
      values.add(
          BigDecimal.valueOf((random.nextDouble() - 0.3) * magnitude)
              .setScale(random.nextInt(6), java.math.RoundingMode.HALF_EVEN)
              .doubleValue());
      values.add((random.nextDouble() - 0.5) * magnitude); // up to 17 significant digits
    }
    try (Connection c = DB.connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE TEMP TABLE t (i int4, n numeric, f float8, l int8, s text, d date)");
      PGCopyOutputStream out =
          new PGCopyOutputStream(c.unwrap(PGConnection.class), "COPY t FROM STDIN (FORMAT binary)");
      BinaryCopy rows = new BinaryCopy(out);
      for (int i = 0; i < values.size(); i++) {
        rows.startRow(6);
        rows.int4(i);
        rows.numeric(values.get(i));
        rows.float8(values.get(i));
        rows.int8(-5_000_000_000L + i);
        rows.text(i % 2 == 0 ? "Los Angeles Clippers" : "Żółć 76ers");
        rows.date(LocalDate.of(1999, 12, 31).plusDays(i));
      }
      rows.startRow(6);
      rows.int4(-1);
      rows.numeric(null);
      rows.float8(null);
      rows.int8(0);
      rows.text(null);
      rows.date(LocalDate.of(2000, 1, 1));
      rows.finish();

      try (ResultSet rs =
          st.executeQuery(
              "SELECT i, n, n::float8 = f AS same_double, n = f::numeric AS as_cast,"
                  + " l, s, d FROM t WHERE i >= 0 ORDER BY i")) {
        int checked = 0;
        while (rs.next()) {
          int i = rs.getInt("i");
          double v = values.get(i);
          assertThat(rs.getBoolean("same_double"))
              .as("numeric %s reads back as %s", rs.getString("n"), v)
              .isTrue();
          boolean normal =
              v == 0 || Math.abs(v) >= Double.MIN_NORMAL; // subnormals hold fewer than 15 digits
          if (normal && BigDecimal.valueOf(v).stripTrailingZeros().precision() <= 15) {
            assertThat(rs.getBoolean("as_cast")).as("%s as PostgreSQL casts it", v).isTrue();
          }
          assertThat(rs.getLong("l")).isEqualTo(-5_000_000_000L + i);
          assertThat(rs.getString("s"))
              .isEqualTo(i % 2 == 0 ? "Los Angeles Clippers" : "Żółć 76ers");
          assertThat(rs.getObject("d", LocalDate.class))
              .isEqualTo(LocalDate.of(1999, 12, 31).plusDays(i));
          checked++;
        }
        assertThat(checked).isEqualTo(values.size());
      }
      try (ResultSet rs = st.executeQuery("SELECT n, f, s, d FROM t WHERE i = -1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject("n")).isNull();
        assertThat(rs.getObject("f")).isNull();
        assertThat(rs.getObject("s")).isNull();
        assertThat(rs.getObject("d", LocalDate.class)).isEqualTo(LocalDate.of(2000, 1, 1));
      }
      try (ResultSet rs = st.executeQuery("SELECT n::text, n = 0.6 FROM t WHERE i = 2")) {
        rs.next();
        assertThat(rs.getString(1)).as("the shortest decimal, as dbt wrote it").isEqualTo("0.6");
      }
    }
  }

  @Test
  void aValueNumericCannotHoldIsRefusedNamingIt() throws SQLException {
    BinaryCopy rows;
    try {
      rows = new BinaryCopy(java.io.OutputStream.nullOutputStream());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> rows.numeric(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
  }
}
