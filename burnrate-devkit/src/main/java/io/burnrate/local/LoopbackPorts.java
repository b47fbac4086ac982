package io.burnrate.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Collection;

/** Finds and checks TCP ports on the loopback address, where every local server binds. */
public final class LoopbackPorts {

  public static final String HOST = "127.0.0.1";

  private LoopbackPorts() {}

  /** A port that was free a moment ago (another process may still take it before it is used). */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + HOST, e);
    }
  }

  /**
   * A free port other than those given: ports picked for servers not yet listening are free too, so
   * the operating system may hand out one of them again.
   */
  public static int freeExcept(Collection<Integer> taken) {
    for (int attempt = 0; attempt < 20; attempt++) {
      int port = free();
      if (!taken.contains(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port on " + HOST + " other than " + taken + " after 20 attempts");
  }

  /** Whether a server could listen on {@code port} of the loopback address right now. */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
