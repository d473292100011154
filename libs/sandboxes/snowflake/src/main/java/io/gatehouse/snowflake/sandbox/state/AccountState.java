package io.gatehouse.snowflake.sandbox.state;

import io.gatehouse.snowflake.sandbox.rbac.Credentials;
import io.gatehouse.snowflake.sandbox.rbac.FutureGrant;
import io.gatehouse.snowflake.sandbox.rbac.ObjectRef;
import io.gatehouse.snowflake.sandbox.rbac.PrivilegeGrant;
import io.gatehouse.snowflake.sandbox.rbac.RoleGrant;
import io.gatehouse.snowflake.sandbox.rbac.SecurableObject;
import io.gatehouse.snowflake.sandbox.rbac.UserKeys;
import java.util.List;
import java.util.Map;

/** A serialisable copy of the whole account, written to the state file as JSON. */
public record AccountState(String accountName, List<SecurableObject> objects, Map<String, Credentials> credentials,
                           List<PrivilegeGrant> grants, List<RoleGrant> roleGrants, List<FutureGrant> futureGrants,
                           List<TableRows> rows, Map<String, UserKeys> userKeys,
                           Map<String, String> defaultWarehouses) {

    /** The rows inserted into one table. */
    public record TableRows(ObjectRef table, List<List<Object>> rows) {
    }
}
