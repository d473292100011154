package io.gatehouse.snowflake.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

/**
 * RSA key pairs for key-pair logins in tests, in the forms Snowflake's key-pair docs produce with openssl: the private
 * key as a PKCS#8 PEM file (plain, or encrypted with PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC, openssl's default for
 * {@code pkcs8 -topk8}), the public key as the base64 DER that {@code ALTER USER ... SET RSA_PUBLIC_KEY} takes.
 */
public final class RsaKeyFiles {

    private static final String PBES2 = "PBEWithHmacSHA256AndAES_256";

    private RsaKeyFiles() {
    }

    /** A new 2048-bit pair, the size Snowflake requires at least. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            return rsa.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value for RSA_PUBLIC_KEY: base64 of the DER SubjectPublicKeyInfo, no PEM lines. */
    public static String publicKey(KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    /** Writes {@code -----BEGIN PRIVATE KEY-----}. */
    public static Path writePkcs8(PrivateKey key, Path file) {
        return write(file, "PRIVATE KEY", key.getEncoded());
    }

    /** Writes {@code -----BEGIN ENCRYPTED PRIVATE KEY-----}, encrypted with {@code password}. */
    public static Path writeEncryptedPkcs8(PrivateKey key, Path file, String password) {
        try {
            byte[] salt = new byte[16];
            byte[] iv = new byte[16];
            SecureRandom random = new SecureRandom();
            random.nextBytes(salt);
            random.nextBytes(iv);
            PBEParameterSpec spec = new PBEParameterSpec(salt, 2048, new IvParameterSpec(iv));
            Cipher cipher = Cipher.getInstance(PBES2);
            cipher.init(Cipher.ENCRYPT_MODE,
                    SecretKeyFactory.getInstance(PBES2).generateSecret(new PBEKeySpec(password.toCharArray())), spec);
            AlgorithmParameters parameters = AlgorithmParameters.getInstance(PBES2);
            parameters.init(spec);
            // JDK 17's EncryptedPrivateKeyInfo cannot name this algorithm (JDK-8288050), so the DER is put together
            // here: SEQUENCE { SEQUENCE { OID pkcs5PBES2, PBES2-params }, OCTET STRING encrypted }.
            byte[] algorithm = der(0x30, concat(PBES2_OID, parameters.getEncoded()));
            byte[] info = der(0x30, concat(algorithm, der(0x04, cipher.doFinal(key.getEncoded()))));
            new EncryptedPrivateKeyInfo(info); // parses what was built
            return write(file, "ENCRYPTED PRIVATE KEY", info);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot encrypt the private key", e);
        }
    }

    /** 1.2.840.113549.1.5.13 */
    private static final byte[] PBES2_OID = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01,
            0x05, 0x0D};

    /** One DER element: tag, definite length, content. */
    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] length = n < 0x80 ? new byte[] {(byte) n}
                : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                : new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        return concat(new byte[] {(byte) tag}, concat(length, content));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static Path write(Path file, String label, byte[] der) {
        String pem = "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
        try {
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            // Owner-only, as the key-pair docs have it (chmod 600); the driver warns about a key file others can read.
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
