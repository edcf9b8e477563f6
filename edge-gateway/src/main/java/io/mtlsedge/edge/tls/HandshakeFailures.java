package io.mtlsedge.edge.tls;

import io.mtlsedge.common.event.ConnectionEvent;
import io.mtlsedge.edge.catalog.EdgeDistribution;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.security.cert.CertificateException;
import java.util.Locale;

/** Names a failed viewer handshake with a connection-log status code. */
final class HandshakeFailures {

  private HandshakeFailures() {}

  static String status(EdgeDistribution distribution, Throwable cause) {
    if (distribution == null) {
      return ConnectionEvent.failed("UnknownServerName");
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SslHandshakeTimeoutException) {
        return ConnectionEvent.failed("TlsHandshakeTimeout");
      }
      if (t instanceof CertificateException) {
        return ConnectionEvent.failed("ClientCertUntrusted");
      }
      String message = String.valueOf(t.getMessage()).toUpperCase(Locale.ROOT);
      if (message.contains("PEER_DID_NOT_RETURN_A_CERTIFICATE")
          || message.contains("CERTIFICATE_REQUIRED")) {
        return ConnectionEvent.failed("ClientCertMissing");
      }
      if (message.contains("CERTIFICATE_VERIFY_FAILED") || message.contains("BAD_CERTIFICATE")) {
        return ConnectionEvent.failed("ClientCertUntrusted");
      }
    }
    return ConnectionEvent.failed("TlsHandshakeFailed");
  }
}
