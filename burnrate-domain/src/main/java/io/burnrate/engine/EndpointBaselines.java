package io.burnrate.engine;

import io.burnrate.baseline.SeasonalBaseline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;

/**
 * One endpoint's seasonal baselines: hourly spend (micro-dollars), requests per hour and cost per
 * request (micro-dollars). Kept in a store of their own: they change when an hour closes, not with
 * every record.
 */
public final class EndpointBaselines {
  private static final byte FORMAT = 1;

  public final SeasonalBaseline spend;
  public final SeasonalBaseline requests;
  public final SeasonalBaseline costPerRequest;

  private EndpointBaselines(SeasonalBaseline spend, SeasonalBaseline requests, SeasonalBaseline costPerRequest) {
    this.spend = spend;
    this.requests = requests;
    this.costPerRequest = costPerRequest;
  }

  public static EndpointBaselines empty(BaselineSettings settings, ZoneId zone) {
    return new EndpointBaselines(new SeasonalBaseline(settings.spend(zone)),
        new SeasonalBaseline(settings.requests(zone)), new SeasonalBaseline(settings.costPerRequest(zone)));
  }

  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      spend.writeTo(out);
      requests.writeTo(out);
      costPerRequest.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Reads stored baselines under the current settings and zone (a changed zone re-buckets them). */
  public static EndpointBaselines fromBytes(byte[] bytes, BaselineSettings settings, ZoneId zone) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte format = in.readByte();
      if (format != FORMAT) {
        throw new IllegalStateException("endpoint baselines in format " + format + ", this version reads " + FORMAT);
      }
      return new EndpointBaselines(SeasonalBaseline.readFrom(in, settings.spend(zone)),
          SeasonalBaseline.readFrom(in, settings.requests(zone)),
          SeasonalBaseline.readFrom(in, settings.costPerRequest(zone)));
    } catch (IOException e) {
      throw new UncheckedIOException("endpoint baselines are truncated", e);
    }
  }
}
