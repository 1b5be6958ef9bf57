# The gateway image. Build the jar first: ./mvnw -B package -DskipTests
FROM eclipse-temurin:17-jre
WORKDIR /opt/recgate
COPY target/lib/ lib/
COPY target/recgate.jar recgate.jar
COPY config/dns.yaml config/dns.yaml
# 7100: T-Library (JSON lines); 8081: /observe/health and /observe/metrics
EXPOSE 7100 8081
# G1 aiming at 10 ms pauses: the EventACK and relay p99 figures of docs/performance.md need it
ENTRYPOINT ["java", "-XX:MaxGCPauseMillis=10", "-Dlog4j2.shutdownHookEnabled=false", "-jar", "recgate.jar"]
