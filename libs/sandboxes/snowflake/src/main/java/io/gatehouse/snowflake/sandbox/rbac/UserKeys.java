package io.gatehouse.snowflake.sandbox.rbac;

/**
 * A user's key-pair login settings: its TYPE (PERSON when null, or SERVICE) and the two RSA public keys Snowflake
 * lets a user hold at once, so a key can be rotated without downtime (set the new one as RSA_PUBLIC_KEY_2, switch
 * the clients, unset the old one). Keys are kept as given: base64 of the DER SubjectPublicKeyInfo.
 */
public record UserKeys(String type, String rsaPublicKey, String rsaPublicKey2) {

    public static final UserKeys NONE = new UserKeys(null, null, null);
    public static final String SERVICE = "SERVICE";

    /** Snowflake: "users with the TYPE property set to SERVICE ... cannot log in using a password". */
    public boolean passwordLoginAllowed() {
        return !SERVICE.equals(type);
    }

    public UserKeys withType(String value) {
        return new UserKeys(value, rsaPublicKey, rsaPublicKey2);
    }

    public UserKeys withRsaPublicKey(String value) {
        return new UserKeys(type, value, rsaPublicKey2);
    }

    public UserKeys withRsaPublicKey2(String value) {
        return new UserKeys(type, rsaPublicKey, value);
    }
}
