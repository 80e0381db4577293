package dev.switchboard.it.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1, made by Debian's openssl for a test's TLS server, and a PKCS#12 trust
 * store holding it, as an operator would give a JVM that must trust a private CA
 * ({@code -Djavax.net.ssl.trustStore}).
 */
record TestCertificate(Path certificatePem, Path keyPem, Path trustStore, String trustStorePassword) {

    static TestCertificate make(Path directory) throws IOException, InterruptedException, GeneralSecurityException {
        Files.createDirectories(directory);
        Path certificate = directory.resolve("cert.pem").toAbsolutePath();
        Path key = directory.resolve("key.pem").toAbsolutePath();
        Process openssl = new ProcessBuilder(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", certificate.toString(), "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1"))
                .redirectErrorStream(true).redirectOutput(directory.resolve("openssl.log").toFile()).start();
        if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            openssl.destroyForcibly();
            throw new IOException("openssl could not make a certificate; see " + directory.resolve("openssl.log"));
        }
        String password = "trust-store-for-tests";
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream pem = Files.newInputStream(certificate)) {
            store.setCertificateEntry("test-ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        Path trustStore = directory.resolve("trust.p12").toAbsolutePath();
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            store.store(out, password.toCharArray());
        }
        return new TestCertificate(certificate, key, trustStore, password);
    }

    /** The JVM options that make a JVM trust this certificate (and nothing else). */
    String trustOptions() {
        return "-Djavax.net.ssl.trustStore=" + trustStore + " -Djavax.net.ssl.trustStorePassword=" + trustStorePassword
                + " -Djavax.net.ssl.trustStoreType=PKCS12";
    }
}
