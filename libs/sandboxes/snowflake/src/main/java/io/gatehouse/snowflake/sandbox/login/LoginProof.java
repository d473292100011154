package io.gatehouse.snowflake.sandbox.login;

import io.gatehouse.snowflake.sandbox.SqlException;
import io.gatehouse.snowflake.sandbox.rbac.Account;
import io.gatehouse.snowflake.sandbox.rbac.UserKeys;
import java.time.Clock;

/** What a login request proves its user's identity with: a password, or a JWT signed with the user's private key. */
public sealed interface LoginProof {

    /**
     * Returns normally when the proof admits {@code user} (null: no such user), else throws the login error
     * Snowflake answers, which the driver raises as its SQLException.
     */
    void check(Account account, String user);

    static LoginProof password(String password) {
        return new Password(password);
    }

    static LoginProof keyPair(String jwt, Clock clock) {
        return new KeyPairJwt(jwt, clock);
    }

    /** The driver's default authenticator (SNOWFLAKE): LOGIN_NAME and PASSWORD in the login request. */
    record Password(String password) implements LoginProof {
        @Override
        public void check(Account account, String user) {
            boolean ok = user != null
                    && account.userKeys(user).passwordLoginAllowed()
                    && account.credentials(user).map(c -> c.matches(password)).orElse(false);
            if (!ok) {
                // Snowflake does not say which part was wrong, nor that a SERVICE user may not use a password.
                throw new SqlException("390100", "08001", "Incorrect username or password was specified.");
            }
        }
    }

    /** {@code authenticator=SNOWFLAKE_JWT}: AUTHENTICATOR and TOKEN in the login request; see {@link JwtLogin}. */
    record KeyPairJwt(String jwt, Clock clock) implements LoginProof {
        @Override
        public void check(Account account, String user) {
            UserKeys keys = user == null ? UserKeys.NONE : account.userKeys(user);
            new JwtLogin(account.name(), user, keys, clock).verify(jwt);
        }
    }
}
