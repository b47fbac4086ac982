package io.burnrate.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed request: decoded path segments and query parameters, the parameters a route's pattern
 * captured, and whether another instance forwarded it here.
 *
 * @param rawTarget path and query exactly as received, to forward unchanged
 * @param forwardedBy the instance that forwarded the request, or null when a client sent it
 */
record ApiRequest(
    String method,
    List<String> segments,
    Map<String, String> query,
    Map<String, String> pathParams,
    String rawTarget,
    String forwardedBy) {

  /** Header an instance sets when it forwards a request to the owner of the key. */
  static final String FORWARDED_BY = "X-Burnrate-Forwarded-By";
  /** Header naming the instance whose local state answered. */
  static final String SERVED_BY = "X-Burnrate-Served-By";

  ApiRequest {
    segments = List.copyOf(segments);
    query = Map.copyOf(query);
    pathParams = Map.copyOf(pathParams);
  }

  /**
   * Parses a raw path ({@code /endpoints/a%2Fb/today}) and raw query ({@code from=1&to=2}).
   *
   * @throws HttpProblem 400 when a parameter is given twice or is not valid percent-encoding
   */
  static ApiRequest parse(String method, String rawPath, String rawQuery, String forwardedBy) {
    List<String> segments = new ArrayList<>();
    for (String segment : rawPath.split("/")) {
      if (!segment.isEmpty()) {
        // In a path '+' is a plus sign, not a space.
        segments.add(decode("path", segment.replace("+", "%2B")));
      }
    }
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode("query", eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(name, pair.substring(eq + 1));
        if (query.put(name, value) != null) {
          throw HttpProblem.badParameter(name, "parameter '" + name + "' is given more than once; give it once");
        }
      }
    }
    String target = rawQuery == null || rawQuery.isEmpty() ? rawPath : rawPath + "?" + rawQuery;
    return new ApiRequest(method, segments, query, Map.of(), target, forwardedBy);
  }

  ApiRequest withPathParams(Map<String, String> params) {
    return new ApiRequest(method, segments, query, params, rawTarget, forwardedBy);
  }

  String pathParam(String name) {
    return pathParams.get(name);
  }

  /** The query parameter's value, or null when absent or empty. */
  String param(String name) {
    String value = query.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  boolean forwarded() {
    return forwardedBy != null;
  }

  private static String decode(String parameter, String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badParameter(parameter, "'" + raw + "' is not valid percent-encoding: " + e.getMessage());
    }
  }
}
