package dev.tokengate.cli;

import dev.tokengate.core.arn.MethodArn;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters: thin wrappers that turn the plain parsers' {@link IllegalArgumentException} into
 * picocli's usage error (exit code 2) with the same one-line message.
 */
final class Converters {

  private Converters() {}

  /** {@code 90s}, {@code 15m}, {@code 1h}, {@code 7d}, {@code PT1H}. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return DurationParser.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A duration from now or an ISO-8601 instant. */
  static final class PointInTimeConverter implements ITypeConverter<PointInTime> {
    @Override
    public PointInTime convert(String value) {
      try {
        return PointInTime.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** An ISO-8601 instant such as {@code 2026-01-01T00:00:00Z}. */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not an ISO-8601 instant such as 2026-01-01T00:00:00Z");
      }
    }
  }

  /** {@code key=value} or {@code key:=json}. */
  static final class ClaimConverter implements ITypeConverter<Map.Entry<String, Object>> {
    @Override
    public Map.Entry<String, Object> convert(String value) {
      try {
        return ClaimParser.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** An execute-api method ARN, checked by the authorizer's own parser. */
  static final class MethodArnConverter implements ITypeConverter<MethodArn> {
    @Override
    public MethodArn convert(String value) {
      try {
        return MethodArn.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
