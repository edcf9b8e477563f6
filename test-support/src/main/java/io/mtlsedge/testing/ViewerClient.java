package io.mtlsedge.testing;

import io.mtlsedge.common.pki.IssuedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A viewer: one real TLS connection with SNI and an optional client certificate chain, speaking
 * HTTP/1.1 with keep-alive, so that tests can send several requests on the same connection.
 */
public final class ViewerClient implements AutoCloseable {

  private final SSLSocket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String sni;

  private ViewerClient(SSLSocket socket, String sni) throws IOException {
    this.socket = socket;
    this.sni = sni;
    this.in = new java.io.BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /**
   * Connects and completes the handshake.
   *
   * @param client the certificate and chain to present, or null for none
   * @throws UncheckedIOException when the connection or handshake fails
   */
  public static ViewerClient connect(int port, String sni, IssuedCertificate client) {
    return connectWith(port, sni, context(client));
  }

  /**
   * A client TLS context presenting {@code client} (or nothing when null). Connections made with
   * the same context offer to resume each other's sessions, as browsers and HTTP clients do.
   */
  public static SSLContext context(IssuedCertificate client) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(client), new TrustManager[] {new TrustingManager()}, null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Connects with a given TLS context and completes the handshake. */
  public static ViewerClient connectWith(int port, String sni, SSLContext context) {
    try {
      SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
      socket.setSoTimeout(15_000);
      SSLParameters parameters = socket.getSSLParameters();
      if (sni != null) {
        parameters.setServerNames(List.of(new SNIHostName(sni)));
      }
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return new ViewerClient(socket, sni);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The TLS session. */
  public SSLSession session() {
    return socket.getSession();
  }

  /** Sends a GET with extra headers and reads the response. */
  public HttpReply get(String path, Map<String, String> headers) {
    return send("GET", path, headers, null);
  }

  /**
   * Sends a request, with a body when {@code body} is not null, and reads the response.
   *
   * @throws UncheckedIOException when the connection fails or closes
   */
  public HttpReply send(String method, String path, Map<String, String> headers, String body) {
    byte[] content = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Host"))) {
      request.append("Host: ").append(sni == null ? "localhost" : sni).append("\r\n");
    }
    headers.forEach(
        (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    if (content != null) {
      request.append("Content-Length: ").append(content.length).append("\r\n");
    }
    request.append("\r\n");
    try {
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (content != null) {
        out.write(content);
      }
      out.flush();
      return readResponse();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends a GET and reads the response. */
  public HttpReply get(String path) {
    return get(path, Map.of());
  }

  private HttpReply readResponse() throws IOException {
    String statusLine = readLine();
    if (statusLine == null) {
      throw new IOException("connection closed before a response");
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    String line;
    while ((line = readLine()) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      headers
          .computeIfAbsent(
              line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(line.substring(colon + 1).trim());
    }
    byte[] body;
    List<String> length = headers.get("content-length");
    List<String> encoding = headers.get("transfer-encoding");
    if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
      body = readChunked();
    } else if (length != null) {
      body = in.readNBytes(Integer.parseInt(length.get(0)));
    } else {
      body = new byte[0];
    }
    return new HttpReply(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = readLine();
      int semicolon = size.indexOf(';');
      int length =
          Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (length == 0) {
        while (!readLine().isEmpty()) {
          // trailers are not needed
        }
        return body.toByteArray();
      }
      body.write(in.readNBytes(length));
      readLine();
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing is best effort
    }
  }

  private static javax.net.ssl.KeyManager[] keyManagers(IssuedCertificate client)
      throws GeneralSecurityException, IOException {
    if (client == null) {
      return null;
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    List<X509Certificate> chain = client.tlsChain();
    store.setKeyEntry(
        "viewer", client.keyPair().getPrivate(), new char[0], chain.toArray(new Certificate[0]));
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, new char[0]);
    return factory.getKeyManagers();
  }

  /** Tests check the edge's certificate themselves where it matters. */
  private static final class TrustingManager implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
