<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>AuditPage</name>
    <message numerus="yes">
        <source>It keeps the events of the last %n days (at most the newest {limit}); older ones are on the server.</source>
        <translation>
            <numerusform>It keeps the events of the last %n day (at most the newest {limit}); older ones are on the server.</numerusform>
            <numerusform>It keeps the events of the last %n days (at most the newest {limit}); older ones are on the server.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln events (the newest; filter to see older ones)</source>
        <translation>
            <numerusform>%Ln event (the newest; filter to see older ones)</numerusform>
            <numerusform>%Ln events (the newest; filter to see older ones)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln events</source>
        <translation>
            <numerusform>%Ln event</numerusform>
            <numerusform>%Ln events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CopyOnceDialog</name>
    <message numerus="yes">
        <source>Copied. The clipboard will be cleared in %Ln seconds if it still holds the key.</source>
        <translation>
            <numerusform>Copied. The clipboard will be cleared in %Ln second if it still holds the key.</numerusform>
            <numerusform>Copied. The clipboard will be cleared in %Ln seconds if it still holds the key.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExpiryReminder</name>
    <message numerus="yes">
        <source>%Ln keys expire within {days} days</source>
        <translation>
            <numerusform>%Ln key expires within {days} days</numerusform>
            <numerusform>%Ln keys expire within {days} days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindLeakedDialog</name>
    <message numerus="yes">
        <source>Found %Ln prefixes:</source>
        <translation>
            <numerusform>Found %Ln prefix:</numerusform>
            <numerusform>Found %Ln prefixes:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln in the copy of {time},</source>
        <translation>
            <numerusform>%Ln in the copy of {time},</numerusform>
            <numerusform>%Ln in the copy of {time},</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unknown.</source>
        <translation>
            <numerusform>%Ln unknown.</numerusform>
            <numerusform>%Ln unknown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln confirmed</source>
        <translation>
            <numerusform>%Ln confirmed</numerusform>
            <numerusform>%Ln confirmed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln prefix only</source>
        <translation>
            <numerusform>%Ln prefix only</numerusform>
            <numerusform>%Ln prefix only</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unknown</source>
        <translation>
            <numerusform>%Ln unknown</numerusform>
            <numerusform>%Ln unknown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln confirmed keys are still active: revoke now.</source>
        <translation>
            <numerusform>%Ln confirmed key is still active: revoke now.</numerusform>
            <numerusform>%Ln confirmed keys are still active: revoke now.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %Ln more</source>
        <translation>
            <numerusform>and %Ln more</numerusform>
            <numerusform>and %Ln more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoke %Ln leaked keys: {names}?</source>
        <translation>
            <numerusform>Revoke %Ln leaked key: {names}?</numerusform>
            <numerusform>Revoke %Ln leaked keys: {names}?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued the revocation of %Ln keys: applied when the server is back.</source>
        <translation>
            <numerusform>Queued the revocation of %Ln key: applied when the server is back.</numerusform>
            <numerusform>Queued the revocation of %Ln keys: applied when the server is back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Queue the revocation of %Ln keys…</source>
        <translation>
            <numerusform>&amp;Queue the revocation of %Ln key…</numerusform>
            <numerusform>&amp;Queue the revocation of %Ln keys…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Revoke %Ln confirmed keys…</source>
        <translation>
            <numerusform>&amp;Revoke %Ln confirmed key…</numerusform>
            <numerusform>&amp;Revoke %Ln confirmed keys…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeyActions</name>
    <message numerus="yes">
        <source>and %Ln more</source>
        <translation>
            <numerusform>and %Ln more</numerusform>
            <numerusform>and %Ln more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: none of the %Ln keys was deleted.</source>
        <translation>
            <numerusform>Cancelled: none of the %Ln keys was deleted.</numerusform>
            <numerusform>Cancelled: none of the %Ln keys was deleted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: none of the %Ln keys was revoked.</source>
        <translation>
            <numerusform>Cancelled: none of the %Ln keys was revoked.</numerusform>
            <numerusform>Cancelled: none of the %Ln keys was revoked.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln keys to {path}.</source>
        <translation>
            <numerusform>Exported %Ln key to {path}.</numerusform>
            <numerusform>Exported %Ln keys to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoke %Ln keys?</source>
        <translation>
            <numerusform>Revoke %Ln key?</numerusform>
            <numerusform>Revoke %Ln keys?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected keys already revoked stay as they are.</source>
        <translation>
            <numerusform>%Ln selected key already revoked stays as it is.</numerusform>
            <numerusform>%Ln selected keys already revoked stay as they are.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoking %Ln keys…</source>
        <translation>
            <numerusform>Revoking %Ln key…</numerusform>
            <numerusform>Revoking %Ln keys…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln keys?</source>
        <translation>
            <numerusform>Delete %Ln key?</numerusform>
            <numerusform>Delete %Ln keys?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleting %Ln keys…</source>
        <translation>
            <numerusform>Deleting %Ln key…</numerusform>
            <numerusform>Deleting %Ln keys…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeyTableWords</name>
    <message numerus="yes">
        <source>Expires in %Ln days</source>
        <translation>
            <numerusform>Expires in %Ln day</numerusform>
            <numerusform>Expires in %Ln days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message numerus="yes">
        <source>Clear it (Esc) to see all %Ln keys.</source>
        <translation>
            <numerusform>Clear it (Esc) to see all %Ln keys.</numerusform>
            <numerusform>Clear it (Esc) to see all %Ln keys.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoke selected (%Ln)…</source>
        <translation>
            <numerusform>Revoke selected (%Ln)…</numerusform>
            <numerusform>Revoke selected (%Ln)…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete selected (%Ln)…</source>
        <translation>
            <numerusform>Delete selected (%Ln)…</numerusform>
            <numerusform>Delete selected (%Ln)…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sorting %Ln keys…</source>
        <translation>
            <numerusform>Sorting %Ln key…</numerusform>
            <numerusform>Sorting %Ln keys…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Applied %Ln revocations made while offline.</source>
        <translation>
            <numerusform>Applied %Ln revocation made while offline.</numerusform>
            <numerusform>Applied %Ln revocations made while offline.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Loading keys… %Ln so far</source>
        <translation>
            <numerusform>Loading keys… %Ln so far</numerusform>
            <numerusform>Loading keys… %Ln so far</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln keys</source>
        <translation>
            <numerusform>{shown} of %Ln key</numerusform>
            <numerusform>{shown} of %Ln keys</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln revocations pending</source>
        <translation>
            <numerusform>%Ln revocation pending</numerusform>
            <numerusform>%Ln revocations pending</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Back online: applied %Ln revocations made while offline.</source>
        <translation>
            <numerusform>Back online: applied %Ln revocation made while offline.</numerusform>
            <numerusform>Back online: applied %Ln revocations made while offline.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message numerus="yes">
        <source>%Ln of {total} selected</source>
        <translation>
            <numerusform>%Ln of {total} selected</numerusform>
            <numerusform>%Ln of {total} selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln shown</source>
        <translation>
            <numerusform>%Ln shown</numerusform>
            <numerusform>%Ln shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusFilterBox</name>
    <message numerus="yes">
        <source>Show all %Ln keys</source>
        <translation>
            <numerusform>Show the %Ln key</numerusform>
            <numerusform>Show all %Ln keys</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsageChart</name>
    <message numerus="yes">
        <source>%Ln calls over the period</source>
        <translation>
            <numerusform>%Ln call over the period</numerusform>
            <numerusform>%Ln calls over the period</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsageSection</name>
    <message numerus="yes">
        <source>Last %Ln days</source>
        <translation>
            <numerusform>Last %Ln day</numerusform>
            <numerusform>Last %Ln days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln calls</source>
        <translation>
            <numerusform>%Ln call</numerusform>
            <numerusform>%Ln calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{calls} in the last %Ln days · last used {last}</source>
        <translation>
            <numerusform>{calls} in the last %Ln day · last used {last}</numerusform>
            <numerusform>{calls} in the last %Ln days · last used {last}</numerusform>
        </translation>
    </message>
</context>
</TS>
