# Burnrate as a container: the server jar built by `mvn -B package` (burnrate-cli/target/burnrate-server.jar),
# with the production commands only (run, forward-alerts, replay, tail, config, topology): no devkit,
# so no embedded Kafka broker, registry, simulator or bench in the image.
# glibc base (not Alpine): Kafka Streams' RocksDB ships glibc native libraries.
FROM eclipse-temurin:17.0.15_6-jre-jammy

RUN groupadd --system burnrate \
 && useradd --system --gid burnrate --home-dir /var/lib/burnrate --create-home burnrate

COPY burnrate-cli/target/burnrate-server.jar /opt/burnrate/burnrate-server.jar

USER burnrate
WORKDIR /var/lib/burnrate
# Kafka Streams' state (RocksDB); mount a volume here to keep it across restarts.
VOLUME /var/lib/burnrate
EXPOSE 8080

# Settings come from BURNRATE_* environment variables; JVM options from JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-jar", "/opt/burnrate/burnrate-server.jar"]
CMD ["run"]
