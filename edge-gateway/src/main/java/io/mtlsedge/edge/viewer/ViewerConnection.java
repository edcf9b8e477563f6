package io.mtlsedge.edge.viewer;

import io.mtlsedge.common.config.MtlsMode;
import io.mtlsedge.common.event.ConnectionEvent;
import io.mtlsedge.common.headers.ForwardedHeader;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What the edge knows about one viewer TLS connection once its handshake is done. Its forwarded
 * headers are encoded once, when the connection opens, and sent with every request on it.
 *
 * @param connectionId unique id, also in the connection event
 * @param distributionId the distribution that SNI chose
 * @param mode its viewer mTLS mode at handshake time
 * @param chain the presented chain, leaf first; empty when none
 * @param forwardedHeaders the headers that go to the origin with every request
 * @param status {@code Success} or {@code Failed:<code>}
 */
record ViewerConnection(
    String connectionId,
    String distributionId,
    MtlsMode mode,
    List<X509Certificate> chain,
    List<ForwardedHeader> forwardedHeaders,
    String status) {

  boolean refused() {
    return !status.equals(ConnectionEvent.SUCCESS);
  }
}
