package io.mtlsedge.common.event;

import io.mtlsedge.common.config.MtlsMode;
import java.time.Instant;
import java.util.List;

/**
 * One viewer TLS connection, as the edge logs it on {@code edge.connections}.
 *
 * @param eventId unique id of this event
 * @param time when the handshake finished or failed
 * @param edgeNode the edge node that took the connection
 * @param distributionId the distribution chosen by SNI, or null when none matched
 * @param connectionId unique id of the connection
 * @param clientIp the viewer's address
 * @param clientPort the viewer's port
 * @param sni the server name the viewer asked for, or null
 * @param tlsProtocol for example {@code TLSv1.3}
 * @param tlsCipher the negotiated cipher suite
 * @param handshakeMillis how long the handshake took, when the edge measured it
 * @param mode the distribution's viewer mTLS mode
 * @param status {@code Success} or {@code Failed:<code>}
 * @param connectionFunction the connection function's outcome, or null when none ran
 * @param chain the presented chain, base64 DER, leaf first; empty when none was presented
 */
public record ConnectionEvent(
    String eventId,
    Instant time,
    String edgeNode,
    String distributionId,
    String connectionId,
    String clientIp,
    int clientPort,
    String sni,
    String tlsProtocol,
    String tlsCipher,
    Double handshakeMillis,
    MtlsMode mode,
    String status,
    FunctionOutcome connectionFunction,
    List<String> chain) {

  /** The status of a connection that was let through. */
  public static final String SUCCESS = "Success";

  public ConnectionEvent {
    chain = chain == null ? List.of() : List.copyOf(chain);
  }

  /** {@code Failed:<code>}, for a refused connection. */
  public static String failed(String code) {
    return "Failed:" + code;
  }

  /**
   * What the connection function decided.
   *
   * @param functionId the function
   * @param result {@code allow}, {@code deny} or {@code error}
   * @param customData what the function logged, at most 800 bytes
   */
  public record FunctionOutcome(String functionId, String result, String customData) {}
}
