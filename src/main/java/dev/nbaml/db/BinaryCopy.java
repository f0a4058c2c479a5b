package dev.nbaml.db;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Writes rows in PostgreSQL's binary {@code COPY} format (the "Binary Format" section of the COPY
 * manual): no number is turned into text on this side or parsed on the server's. Only the types the
 * staging table uses: text, numeric, float8, int8, int4, date and jsonb.
 */
final class BinaryCopy {
  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0
  };

  /** PostgreSQL counts dates in days from 2000-01-01. */
  private static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();

  private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
  private static final BigInteger NBASE = BigInteger.valueOf(10_000);
  private static final short NUMERIC_POS = 0x0000;
  private static final short NUMERIC_NEG = 0x4000;
  private static final int JSONB_VERSION = 1;

  private final DataOutputStream out;
  private final short[] digits = new short[128];

  BinaryCopy(OutputStream out) throws IOException {
    this.out = new DataOutputStream(out);
    this.out.write(SIGNATURE);
    this.out.writeInt(0); // flags: no OIDs
    this.out.writeInt(0); // no header extension
  }

  void startRow(int fields) throws IOException {
    out.writeShort(fields);
  }

  void text(String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /** {@code jsonb}'s binary form: the format version 1 in one byte, then the JSON text in UTF-8. */
  void jsonb(String json) throws IOException {
    if (json == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length + 1);
    out.writeByte(JSONB_VERSION);
    out.write(bytes);
  }

  void float8(Double value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(8);
    out.writeDouble(value);
  }

  /**
   * A double as {@code numeric}: the shortest decimal that reads back as the same double (0.6, not
   * 0.59999999999999997779), the value PostgreSQL's own {@code float8::numeric} cast gives for
   * every number of up to 15 significant digits.
   */
  void numeric(Double value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    double d = value;
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("numeric cannot hold " + d);
    }
    // Fast path: a decimal of up to 8 places whose digits fit a long (all the table's columns).
    for (int scale = 0; scale < POW10.length; scale++) {
      double shifted = d * POW10[scale];
      if (Math.abs(shifted) >= 1e15) {
        break;
      }
      long unscaled = Math.round(shifted);
      if (unscaled / POW10[scale] == d) {
        numeric(unscaled, scale);
        return;
      }
    }
    BigDecimal decimal = BigDecimal.valueOf(d).stripTrailingZeros();
    if (decimal.scale() < 0) {
      decimal = decimal.setScale(0);
    }
    numeric(decimal.unscaledValue(), decimal.scale());
  }

  /** {@code unscaled × 10^-scale} in base-10000 digits, the decimal point on a digit boundary. */
  private void numeric(long unscaled, int scale) throws IOException {
    int pad = (4 - scale % 4) % 4;
    long rest = Math.abs(unscaled) * (long) POW10[pad]; // below 1e18: no overflow
    int n = 0;
    while (rest != 0) {
      digits[n++] = (short) (rest % 10_000);
      rest /= 10_000;
    }
    writeNumeric(n, (scale + pad) / 4, unscaled < 0, scale);
  }

  private void numeric(BigInteger unscaled, int scale) throws IOException {
    int pad = (4 - scale % 4) % 4;
    BigInteger rest = unscaled.abs().multiply(BigInteger.TEN.pow(pad));
    int n = 0;
    while (rest.signum() != 0) {
      BigInteger[] qr = rest.divideAndRemainder(NBASE);
      if (n == digits.length) {
        throw new IllegalArgumentException("numeric value too long: " + unscaled + "E-" + scale);
      }
      digits[n++] = qr[1].shortValue();
      rest = qr[0];
    }
    writeNumeric(n, (scale + pad) / 4, unscaled.signum() < 0, scale);
  }

  /**
   * Writes {@code digits[0..n)} (least significant first), {@code fractionDigits} of them after the
   * point.
   */
  private void writeNumeric(int n, int fractionDigits, boolean negative, int scale)
      throws IOException {
    int low = 0;
    while (low < n && digits[low] == 0) {
      low++; // trailing zero digits are implied by the scale
    }
    int count = n - low;
    out.writeInt(8 + 2 * count);
    out.writeShort(count);
    out.writeShort(count == 0 ? 0 : n - fractionDigits - 1); // weight of the first digit
    out.writeShort(negative && count > 0 ? NUMERIC_NEG : NUMERIC_POS);
    out.writeShort(scale);
    for (int i = n - 1; i >= low; i--) {
      out.writeShort(digits[i]);
    }
  }

  void int8(long value) throws IOException {
    out.writeInt(8);
    out.writeLong(value);
  }

  void int4(int value) throws IOException {
    out.writeInt(4);
    out.writeInt(value);
  }

  void date(LocalDate value) throws IOException {
    out.writeInt(4);
    out.writeInt(Math.toIntExact(value.toEpochDay() - PG_EPOCH_DAY));
  }

  /** Writes the trailer and ends the COPY (closing the stream underneath). */
  void finish() throws IOException {
    out.writeShort(-1);
    out.close();
  }
}
