package io.burnrate.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and a server certificate for 127.0.0.1 it signed, made with
 * the JDK's {@code keytool} in a directory of the test's (nothing of it is kept in the repository).
 * Each run has fresh random passwords, so a test can look for them in any output.
 *
 * @param serverKeystore PKCS12: the server's key, its certificate signed by the CA, and the CA's
 * @param truststore PKCS12: the CA's certificate only
 */
public record TestCertificates(Path serverKeystore, String keystorePassword, Path truststore,
    String truststorePassword) {

  public static final String TYPE = "PKCS12";
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

  /** Makes the CA, the server keystore and the truststore in {@code dir}. */
  public static TestCertificates create(Path dir) throws IOException, InterruptedException {
    String caPassword = secret("ca");
    String keystorePassword = secret("keystore");
    String truststorePassword = secret("truststore");
    Path ca = dir.resolve("ca.p12");
    Path caCert = dir.resolve("ca.crt");
    Path keystore = dir.resolve("server.p12");
    Path request = dir.resolve("server.csr");
    Path signed = dir.resolve("server.crt");
    Path truststore = dir.resolve("truststore.p12");
    Path log = dir.resolve("keytool.log");

    keytool(log, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=Burnrate test CA", "-ext", "bc:c", "-keystore", ca.toString(), "-storetype", TYPE,
        "-storepass", caPassword);
    keytool(log, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", caPassword,
        "-file", caCert.toString());
    keytool(log, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-keystore", keystore.toString(), "-storetype", TYPE,
        "-storepass", keystorePassword);
    keytool(log, "-certreq", "-alias", "server", "-keystore", keystore.toString(), "-storepass", keystorePassword,
        "-file", request.toString());
    keytool(log, "-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", caPassword,
        "-infile", request.toString(), "-outfile", signed.toString(), "-validity", "2",
        "-ext", "SAN=ip:127.0.0.1", "-ext", "KU=digitalSignature,keyAgreement", "-ext", "EKU=serverAuth");
    keytool(log, "-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(),
        "-keystore", keystore.toString(), "-storepass", keystorePassword);
    keytool(log, "-importcert", "-alias", "server", "-file", signed.toString(),
        "-keystore", keystore.toString(), "-storepass", keystorePassword);
    keytool(log, "-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(),
        "-keystore", truststore.toString(), "-storetype", TYPE, "-storepass", truststorePassword);
    return new TestCertificates(keystore, keystorePassword, truststore, truststorePassword);
  }

  /** A fresh random secret, recognisable in output by its prefix. */
  public static String secret(String what) {
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    return "s3cret-" + what + "-" + HexFormat.of().formatHex(random);
  }

  private static void keytool(Path log, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("keytool " + arguments[0] + " did not finish within "
          + KEYTOOL_TIMEOUT_SECONDS + " s");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + arguments[0] + " failed with exit code " + process.exitValue()
          + ": " + Files.readString(log));
    }
  }
}
