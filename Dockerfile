# The gateway image. Build the jar first: ./mvnw -B package -DskipTests
# docker-compose.yml runs it with Kafka, Prometheus and Grafana (README, "Deploying with docker-compose").
# A full Temurin tag, not 17-jre: a rebuild gets the same JRE until this line is changed on purpose.
FROM eclipse-temurin:17.0.16_8-jre-noble

# The gateway runs as an unprivileged user of its own (fixed uid, so volume ownership is predictable);
# it needs no port below 1024. The program and the bundled DN file are root's and read-only to it;
# only the data folder (demo recordings; the embedded broker's log when no brokers are set) is its own.
RUN groupadd --system --gid 10001 recgate \
    && useradd --system --uid 10001 --gid recgate --home-dir /var/lib/recgate --no-create-home \
       --shell /usr/sbin/nologin recgate \
    && mkdir -p /var/lib/recgate \
    && chown recgate:recgate /var/lib/recgate
WORKDIR /opt/recgate
COPY target/lib/ lib/
COPY target/recgate.jar recgate.jar
COPY config/dns.yaml config/dns.yaml
COPY LICENSE NOTICE ./

# In a container the listeners bind every interface of the container; what the host exposes is
# decided by the published ports (docker-compose.yml). The SIP address cannot be 0.0.0.0 (it goes
# into Via and Contact, docs/configuration.md): set RECGATE_SIP_HOST to a name or address recorders reach.
ENV RECGATE_TLIB_HOST=0.0.0.0 \
    CAMEL_MANAGEMENT_HOST=0.0.0.0 \
    RECGATE_DATA_DIR=/var/lib/recgate
VOLUME ["/var/lib/recgate"]
USER recgate

# 7100: T-Library (JSON lines); 5062: SIP toward recorders (udp, or tcp with RECGATE_SIP_TRANSPORT=tcp);
# 8081: /observe/health and /observe/metrics
EXPOSE 7100/tcp 5062/udp 5062/tcp 8081/tcp

# /observe/health answers 503 while a check is DOWN (kafka-brokers included, docs/operations.md), so
# the container shows unhealthy while the gateway cannot publish. curl is part of the Temurin image.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${CAMEL_MANAGEMENT_PORT:-8081}/observe/health" || exit 1

# G1 aiming at 10 ms pauses: the EventACK and relay p99 figures of docs/performance.md need it
ENTRYPOINT ["java", "-XX:MaxGCPauseMillis=10", "-Dlog4j2.shutdownHookEnabled=false", "-jar", "recgate.jar"]
