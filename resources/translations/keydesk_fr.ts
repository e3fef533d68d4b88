<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: defaults to the part before @</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new user&apos;s email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not add the user</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <source>reading the audit log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>All operators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skill added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opt-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rotated from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rotated to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unique name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leaked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key or subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unique name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by key: part of a prefix, unique name or owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of a prefix, unique name or owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every change, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database user: {user}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>It keeps the events of the last %n days (at most the newest {limit}); older ones are on the server.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln events (the newest; filter to see older ones)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln events</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the audit log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>reading the catalog</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>Restart keydesk?</source>
        <translation>Redémarrer keydesk ?</translation>
    </message>
    <message>
        <source>keydesk will speak {language} from its next start.</source>
        <translation>keydesk parlera {language} dès son prochain démarrage.</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Redémarrer maintenant</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Plus tard</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <source>Skills are not active yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New model name, e.g. alfred-4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New model name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a model name and press Enter to add it to the catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The models a key may be granted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skills (not active yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skills — not active yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys may call only the models they are granted. Skills are stored with the keys but cannot be granted until they become active.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offline: adding models is not possible until the database server is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No skills in the catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not add the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added the model {name}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Users</name>
    <message>
        <source>reading the users</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search email or name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit display name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email, display name, status and number of keys of each user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivated users keep their keys, which keep working; they cannot be given new keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>users and their key counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offline: changing users is not possible until the database server is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added the user {email}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name of {email}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not rename the user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renamed {email} to {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate {email}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their existing keys keep working and can still be revoked; they cannot be given new keys until reactivated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change the user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reactivated {email}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivated {email}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
