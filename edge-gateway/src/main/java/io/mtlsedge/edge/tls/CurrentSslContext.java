package io.mtlsedge.edge.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolNegotiator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.List;
import java.util.concurrent.Executor;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSessionContext;

/**
 * What Vert.x caches for one SNI name: a context that looks up, for every new connection, the
 * BoringSSL context of the distribution version in force. A config change therefore reaches the
 * next handshake without rebuilding Vert.x's TLS options, which would refuse the connections that
 * arrive while the rebuild runs.
 */
final class CurrentSslContext extends SslContext {

  private final TlsContexts contexts;
  private final String serverName;
  private final KeyManagerFactory fallbackKeys;

  CurrentSslContext(TlsContexts contexts, String serverName, KeyManagerFactory fallbackKeys) {
    this.contexts = contexts;
    this.serverName = serverName;
    this.fallbackKeys = fallbackKeys;
  }

  private SslContext current() {
    try {
      return contexts.contextFor(serverName, fallbackKeys);
    } catch (SSLException e) {
      throw new IllegalStateException("no TLS context for " + serverName, e);
    }
  }

  @Override
  public boolean isClient() {
    return false;
  }

  @Override
  public List<String> cipherSuites() {
    return current().cipherSuites();
  }

  @Override
  @SuppressWarnings("deprecation")
  public ApplicationProtocolNegotiator applicationProtocolNegotiator() {
    return current().applicationProtocolNegotiator();
  }

  @Override
  public SSLEngine newEngine(ByteBufAllocator alloc) {
    return current().newEngine(alloc);
  }

  @Override
  public SSLEngine newEngine(ByteBufAllocator alloc, String peerHost, int peerPort) {
    return current().newEngine(alloc, peerHost, peerPort);
  }

  @Override
  public SSLSessionContext sessionContext() {
    return current().sessionContext();
  }

  // The handler methods go to the real context, so BoringSSL engines keep their fast path.

  @Override
  protected SslHandler newHandler(ByteBufAllocator alloc, boolean startTls) {
    return contexts.watch(current().newHandler(alloc), serverName);
  }

  @Override
  protected SslHandler newHandler(ByteBufAllocator alloc, boolean startTls, Executor executor) {
    return contexts.watch(current().newHandler(alloc, executor), serverName);
  }

  @Override
  protected SslHandler newHandler(
      ByteBufAllocator alloc, String peerHost, int peerPort, boolean startTls) {
    return contexts.watch(current().newHandler(alloc, peerHost, peerPort), serverName);
  }

  @Override
  protected SslHandler newHandler(
      ByteBufAllocator alloc, String peerHost, int peerPort, boolean startTls, Executor executor) {
    return contexts.watch(current().newHandler(alloc, peerHost, peerPort, executor), serverName);
  }
}
