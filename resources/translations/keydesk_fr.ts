<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>CopyOnceDialog</name>
    <message>
        <source>Copy your new API key</source>
        <translation>Copiez votre nouvelle clé d&apos;API</translation>
    </message>
    <message>
        <source>The key &lt;b&gt;{name}&lt;/b&gt; was created.</source>
        <translation>La clé &lt;b&gt;{name}&lt;/b&gt; a été créée.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy this key now. It will not be shown again.&lt;/b&gt;&lt;br&gt;keydesk keeps only a hash of it: if it is lost, revoke it and create a new one.</source>
        <translation>&lt;b&gt;Copiez cette clé maintenant. Elle ne sera plus affichée.&lt;/b&gt;&lt;br&gt;keydesk n&apos;en garde qu&apos;une empreinte : si elle est perdue, révoquez-la et créez-en une nouvelle.</translation>
    </message>
    <message>
        <source>New API key</source>
        <translation>Nouvelle clé d&apos;API</translation>
    </message>
    <message>
        <source>Read-only; Ctrl+C or the Copy button puts it on the clipboard</source>
        <translation>Lecture seule ; Ctrl+C ou le bouton Copier la place dans le presse-papiers</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Put the key on the clipboard (cleared after a minute)</source>
        <translation>Placer la clé dans le presse-papiers (vidé au bout d&apos;une minute)</translation>
    </message>
    <message>
        <source>Not copied yet.</source>
        <translation>Pas encore copiée.</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Terminé</translation>
    </message>
    <message numerus="yes">
        <source>Copied. The clipboard will be cleared in %Ln second if it still holds the key.</source>
        <translation>
            <numerusform>Copiée. Le presse-papiers sera vidé dans %Ln seconde s&apos;il contient encore la clé.</numerusform>
            <numerusform>Copiée. Le presse-papiers sera vidé dans %Ln secondes s&apos;il contient encore la clé.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied. The clipboard will be cleared in %Ln seconds if it still holds the key.</source>
        <translation>
            <numerusform>Copiée. Le presse-papiers sera vidé dans %Ln seconde s&apos;il contient encore la clé.</numerusform>
            <numerusform>Copiée. Le presse-papiers sera vidé dans %Ln secondes s&apos;il contient encore la clé.</numerusform>
        </translation>
    </message>
    <message>
        <source>Close without copying?</source>
        <translation>Fermer sans copier ?</translation>
    </message>
    <message>
        <source>Close without copying the key?</source>
        <translation>Fermer sans copier la clé ?</translation>
    </message>
    <message>
        <source>Close &amp;without copying</source>
        <translation>Fermer &amp;sans copier</translation>
    </message>
    <message>
        <source>The key will not be shown again. Without it, no service can use this key: you would have to revoke it and create a new one.</source>
        <translation>La clé ne sera plus affichée. Sans elle, aucun service ne peut utiliser cette clé : il faudrait la révoquer et en créer une nouvelle.</translation>
    </message>
</context>
<context>
    <name>CreateKeyDialog</name>
    <message>
        <source>Add API key</source>
        <translation>Ajouter une clé d&apos;API</translation>
    </message>
    <message>
        <source>Generating the key and hashing its secret…</source>
        <translation>Génération de la clé et hachage de son secret…</translation>
    </message>
    <message>
        <source>Creating the key</source>
        <translation>Création de la clé</translation>
    </message>
    <message>
        <source>&amp;Create key</source>
        <translation>&amp;Créer la clé</translation>
    </message>
    <message>
        <source>Choose the user who will own the key.</source>
        <translation>Choisissez l&apos;utilisateur propriétaire de la clé.</translation>
    </message>
    <message>
        <source>Key created.</source>
        <translation>Clé créée.</translation>
    </message>
    <message>
        <source>Could not create the key</source>
        <translation>Impossible de créer la clé</translation>
    </message>
    <message>
        <source>The key could not be generated: {error}</source>
        <translation>La clé n&apos;a pas pu être générée : {error}</translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <source>keydesk databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>Bases de données keydesk (*.db *.sqlite *.sqlite3);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Open a keydesk database</source>
        <translation>Ouvrir une base de données keydesk</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Choose another keydesk database file, create a new one, or type the URL of a database server and press Open.</source>
        <translation>Choisissez un autre fichier de base de données keydesk, créez-en un nouveau, ou saisissez l&apos;URL d&apos;un serveur de base de données et cliquez sur Ouvrir.</translation>
    </message>
    <message>
        <source>Database URL</source>
        <translation>URL de la base de données</translation>
    </message>
    <message>
        <source>An SQLite file or a database server, as a URL; Enter opens it</source>
        <translation>Un fichier SQLite ou un serveur de base de données, sous forme d&apos;URL ; Entrée l&apos;ouvre</translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation>&amp;Choisir un fichier…</translation>
    </message>
    <message>
        <source>&amp;New database…</source>
        <translation>&amp;Nouvelle base…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>Type a database URL or choose a file.</source>
        <translation>Saisissez l&apos;URL d&apos;une base de données ou choisissez un fichier.</translation>
    </message>
    <message>
        <source>Choose a keydesk database</source>
        <translation>Choisir une base de données keydesk</translation>
    </message>
    <message>
        <source>Create a keydesk database</source>
        <translation>Créer une base de données keydesk</translation>
    </message>
</context>
<context>
    <name>ExpiryField</name>
    <message>
        <source>E&amp;xpires</source>
        <translation>E&amp;xpire</translation>
    </message>
    <message>
        <source>Leave unchecked for a key that never expires.</source>
        <translation>Laissez décoché pour une clé qui n&apos;expire jamais.</translation>
    </message>
    <message>
        <source>Date and time in your local time zone ({zone}).</source>
        <translation>Date et heure dans votre fuseau horaire ({zone}).</translation>
    </message>
    <message>
        <source>Expiry date and time</source>
        <translation>Date et heure d&apos;expiration</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
</context>
<context>
    <name>ExpiryPresets</name>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 jours</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 jours</translation>
    </message>
    <message>
        <source>60 days</source>
        <translation>60 jours</translation>
    </message>
    <message>
        <source>90 days</source>
        <translation>90 jours</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Personnalisée…</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>Expiration</translation>
    </message>
    <message>
        <source>How long the key lives</source>
        <translation>Durée de vie de la clé</translation>
    </message>
    <message>
        <source>How long the key lives; Custom… picks a date and time</source>
        <translation>Durée de vie de la clé ; Personnalisée… permet de choisir une date et une heure</translation>
    </message>
    <message>
        <source>until {time} {zone}</source>
        <translation>jusqu&apos;au {time} {zone}</translation>
    </message>
</context>
<context>
    <name>FindLeakedDialog</name>
    <message>
        <source>Confirmed: this key leaked</source>
        <translation>Confirmée : clé divulguée</translation>
    </message>
    <message>
        <source>Prefix only: not this key</source>
        <translation>Préfixe seul : pas cette clé</translation>
    </message>
    <message>
        <source>Unknown prefix</source>
        <translation>Préfixe inconnu</translation>
    </message>
    <message>
        <source>Prefix matches (offline)</source>
        <translation>Préfixe reconnu (hors ligne)</translation>
    </message>
    <message>
        <source>Offline: prefix matches only; the secret cannot be checked offline.</source>
        <translation>Hors ligne : correspondance de préfixe seulement ; le secret ne peut pas être vérifié hors ligne.</translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation>Préfixe</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Dernière utilisation</translation>
    </message>
    <message>
        <source>Find leaked keys</source>
        <translation>Trouver les clés divulguées</translation>
    </message>
    <message>
        <source>Paste any text: a chat log, a diff, a ticket. keydesk finds the keys in it by their shape and checksum and checks each against its stored hash. Only prefixes are shown; the text is forgotten when this window closes.</source>
        <translation>Collez n&apos;importe quel texte : une conversation, un diff, un ticket. keydesk y trouve les clés d&apos;après leur forme et leur somme de contrôle et vérifie chacune avec son empreinte enregistrée. Seuls les préfixes sont affichés ; le texte est oublié à la fermeture de cette fenêtre.</translation>
    </message>
    <message>
        <source>Text to search for keys</source>
        <translation>Texte où chercher des clés</translation>
    </message>
    <message>
        <source>Paste the text here…</source>
        <translation>Collez le texte ici…</translation>
    </message>
    <message>
        <source>&amp;Find keys</source>
        <translation>&amp;Chercher les clés</translation>
    </message>
    <message>
        <source>Keys found in the text</source>
        <translation>Clés trouvées dans le texte</translation>
    </message>
    <message>
        <source>Nothing searched yet.</source>
        <translation>Aucune recherche pour l&apos;instant.</translation>
    </message>
    <message>
        <source>&amp;Revoke confirmed keys…</source>
        <translation>&amp;Révoquer les clés confirmées…</translation>
    </message>
    <message>
        <source>Searching the text and checking each key found…</source>
        <translation>Recherche dans le texte et vérification de chaque clé trouvée…</translation>
    </message>
    <message>
        <source>The database does not answer, so nothing was checked or revoked; try again once it is back.</source>
        <translation>La base de données ne répond pas : rien n&apos;a été vérifié ni révoqué ; réessayez quand elle sera de retour.</translation>
    </message>
    <message>
        <source>Revocation pending</source>
        <translation>Révocation en attente</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>No keydesk key found in this text.</source>
        <translation>Aucune clé keydesk trouvée dans ce texte.</translation>
    </message>
    <message numerus="yes">
        <source>Found %Ln prefix:</source>
        <translation>
            <numerusform>%Ln préfixe trouvé :</numerusform>
            <numerusform>%Ln préfixes trouvés :</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found %Ln prefixes:</source>
        <translation>
            <numerusform>%Ln préfixe trouvé :</numerusform>
            <numerusform>%Ln préfixes trouvés :</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln in the copy of {time},</source>
        <translation>
            <numerusform>%Ln dans la copie du {time},</numerusform>
            <numerusform>%Ln dans la copie du {time},</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unknown.</source>
        <translation>
            <numerusform>%Ln inconnu.</numerusform>
            <numerusform>%Ln inconnus.</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoke queues them for when the server is back.</source>
        <translation>Révoquer les met en attente jusqu&apos;au retour du serveur.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln confirmed</source>
        <translation>
            <numerusform>%Ln confirmé</numerusform>
            <numerusform>%Ln confirmés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln prefix only</source>
        <translation>
            <numerusform>%Ln préfixe seul</numerusform>
            <numerusform>%Ln préfixes seuls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unknown</source>
        <translation>
            <numerusform>%Ln inconnu</numerusform>
            <numerusform>%Ln inconnus</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln confirmed key is still active: revoke now.</source>
        <translation>
            <numerusform>%Ln clé confirmée est encore active : révoquez-la maintenant.</numerusform>
            <numerusform>%Ln clés confirmées sont encore actives : révoquez-les maintenant.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln confirmed keys are still active: revoke now.</source>
        <translation>
            <numerusform>%Ln clé confirmée est encore active : révoquez-la maintenant.</numerusform>
            <numerusform>%Ln clés confirmées sont encore actives : révoquez-les maintenant.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %Ln more</source>
        <translation>
            <numerusform>et %Ln autre</numerusform>
            <numerusform>et %Ln autres</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoke leaked keys</source>
        <translation>Révoquer les clés divulguées</translation>
    </message>
    <message numerus="yes">
        <source>Revoke %Ln leaked key: {names}?</source>
        <translation>
            <numerusform>Révoquer %Ln clé divulguée : {names} ?</numerusform>
            <numerusform>Révoquer %Ln clés divulguées : {names} ?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoke %Ln leaked keys: {names}?</source>
        <translation>
            <numerusform>Révoquer %Ln clé divulguée : {names} ?</numerusform>
            <numerusform>Révoquer %Ln clés divulguées : {names} ?</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Revoke</source>
        <translation>&amp;Révoquer</translation>
    </message>
    <message>
        <source>Offline, matched by prefix only: the revocation is queued and applied when the server is back. Revoking cannot be undone.</source>
        <translation>Hors ligne, reconnues par le préfixe seulement : la révocation est mise en attente et appliquée au retour du serveur. Une révocation est irréversible.</translation>
    </message>
    <message>
        <source>Services using them stop working at once. Revoking cannot be undone; the audit log records the reason: leaked.</source>
        <translation>Les services qui les utilisent cessent aussitôt de fonctionner. Une révocation est irréversible ; le journal d&apos;audit en note le motif : divulguée.</translation>
    </message>
    <message numerus="yes">
        <source>Queued the revocation of %Ln key: applied when the server is back.</source>
        <translation>
            <numerusform>Révocation de %Ln clé mise en attente : appliquée au retour du serveur.</numerusform>
            <numerusform>Révocation de %Ln clés mise en attente : appliquée au retour du serveur.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued the revocation of %Ln keys: applied when the server is back.</source>
        <translation>
            <numerusform>Révocation de %Ln clé mise en attente : appliquée au retour du serveur.</numerusform>
            <numerusform>Révocation de %Ln clés mise en attente : appliquée au retour du serveur.</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoking…</source>
        <translation>Révocation…</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Queue the revocation of %Ln key…</source>
        <translation>
            <numerusform>&amp;Mettre en attente la révocation de %Ln clé…</numerusform>
            <numerusform>&amp;Mettre en attente la révocation de %Ln clés…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Queue the revocation of %Ln keys…</source>
        <translation>
            <numerusform>&amp;Mettre en attente la révocation de %Ln clé…</numerusform>
            <numerusform>&amp;Mettre en attente la révocation de %Ln clés…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Revoke %Ln confirmed key…</source>
        <translation>
            <numerusform>&amp;Révoquer %Ln clé confirmée…</numerusform>
            <numerusform>&amp;Révoquer %Ln clés confirmées…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Revoke %Ln confirmed keys…</source>
        <translation>
            <numerusform>&amp;Révoquer %Ln clé confirmée…</numerusform>
            <numerusform>&amp;Révoquer %Ln clés confirmées…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeyChangeText</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Permitted models</source>
        <translation>Modèles autorisés</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>Compétences</translation>
    </message>
    <message>
        <source>Usage tracking</source>
        <translation>Suivi de l&apos;utilisation</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expiration</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Révoquée</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>“{name}”</source>
        <translation>« {name} »</translation>
    </message>
    <message>
        <source>{field}: {before} → {after}</source>
        <translation>{field} : {before} → {after}</translation>
    </message>
</context>
<context>
    <name>KeyDetailDialog</name>
    <message>
        <source>API key</source>
        <translation>Clé d&apos;API</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Rec&amp;harger</translation>
    </message>
    <message>
        <source>Show the key as it is now, discarding your changes</source>
        <translation>Afficher la clé telle qu&apos;elle est maintenant, en abandonnant vos modifications</translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation>Ré&amp;voquer…</translation>
    </message>
    <message>
        <source>Refuse this key from now on; revoking is final</source>
        <translation>Refuser cette clé désormais ; la révocation est définitive</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>Remove this key permanently</source>
        <translation>Supprimer définitivement cette clé</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>The key could not be read ({error}).</source>
        <translation>La clé n&apos;a pas pu être lue ({error}).</translation>
    </message>
    <message>
        <source>API key {name}</source>
        <translation>Clé d&apos;API {name}</translation>
    </message>
    <message>
        <source>A key&apos;s lifetime can only be shortened: the expiry may move earlier, never past {time} ({zone}).</source>
        <translation>La durée de vie d&apos;une clé ne peut que raccourcir : l&apos;expiration peut être avancée, jamais au-delà du {time} ({zone}).</translation>
    </message>
    <message>
        <source>&lt;b&gt;Revoked&lt;/b&gt; on {date}. Services presenting this key are refused.&lt;br&gt;A revoked key cannot be changed or restored; it can only be deleted.</source>
        <translation>&lt;b&gt;Révoquée&lt;/b&gt; le {date}. Les services présentant cette clé sont refusés.&lt;br&gt;Une clé révoquée ne peut être ni modifiée ni restaurée ; elle peut seulement être supprimée.</translation>
    </message>
    <message>
        <source>an unknown date</source>
        <translation>une date inconnue</translation>
    </message>
    <message>
        <source>Settings (read-only: the key is revoked)</source>
        <translation>Paramètres (lecture seule : la clé est révoquée)</translation>
    </message>
    <message>
        <source>this key</source>
        <translation>cette clé</translation>
    </message>
    <message>
        <source>Nothing can be edited or deleted until the database server is back; its revocation is pending.</source>
        <translation>Rien ne peut être modifié ni supprimé avant le retour du serveur de base de données ; sa révocation est en attente.</translation>
    </message>
    <message>
        <source>Nothing can be edited or deleted until the database server is back; you can still revoke it.</source>
        <translation>Rien ne peut être modifié ni supprimé avant le retour du serveur de base de données ; vous pouvez encore la révoquer.</translation>
    </message>
    <message>
        <source>Settings (read-only: offline copy)</source>
        <translation>Paramètres (lecture seule : copie hors ligne)</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Introuvable</translation>
    </message>
    <message>
        <source>Choose the user who owns the key.</source>
        <translation>Choisissez l&apos;utilisateur propriétaire de la clé.</translation>
    </message>
    <message>
        <source>What changed since you opened it:</source>
        <translation>Ce qui a changé depuis que vous l&apos;avez ouverte :</translation>
    </message>
    <message>
        <source>Your change, not saved: {change}.</source>
        <translation>Votre modification, non enregistrée : {change}.</translation>
    </message>
    <message>
        <source>The database server is back: Reload to see this key as it is now.</source>
        <translation>Le serveur de base de données est de retour : rechargez pour voir cette clé telle qu&apos;elle est maintenant.</translation>
    </message>
    <message>
        <source>This key was deleted elsewhere while this dialog was open; it can no longer be saved.</source>
        <translation>Cette clé a été supprimée ailleurs pendant que cette fenêtre était ouverte ; elle ne peut plus être enregistrée.</translation>
    </message>
    <message>
        <source>This key was changed elsewhere while this dialog was open:</source>
        <translation>Cette clé a été modifiée ailleurs pendant que cette fenêtre était ouverte :</translation>
    </message>
    <message>
        <source>This key was changed elsewhere while this dialog was open.</source>
        <translation>Cette clé a été modifiée ailleurs pendant que cette fenêtre était ouverte.</translation>
    </message>
    <message>
        <source>Reload to see it as it is now; saving over it will be refused.</source>
        <translation>Rechargez pour la voir telle qu&apos;elle est maintenant ; l&apos;enregistrer par-dessus sera refusé.</translation>
    </message>
    <message>
        <source>Revoking is final: services presenting this key are refused from now on, and the key can no longer be changed or restored, only deleted.</source>
        <translation>La révocation est définitive : les services présentant cette clé sont refusés dès maintenant, et la clé ne peut plus être modifiée ni restaurée, seulement supprimée.</translation>
    </message>
    <message>
        <source>Your unsaved changes will be discarded.</source>
        <translation>Vos modifications non enregistrées seront abandonnées.</translation>
    </message>
    <message>
        <source>Revoke key</source>
        <translation>Révoquer la clé</translation>
    </message>
    <message>
        <source>Revoke {key}?</source>
        <translation>Révoquer {key} ?</translation>
    </message>
    <message>
        <source>&amp;Revoke</source>
        <translation>&amp;Révoquer</translation>
    </message>
    <message>
        <source>Delete key</source>
        <translation>Supprimer la clé</translation>
    </message>
    <message>
        <source>Delete {key}?</source>
        <translation>Supprimer {key} ?</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>The key and its usage history are removed permanently; this cannot be undone. The audit log keeps a record of the deletion.</source>
        <translation>La clé et son historique d&apos;utilisation sont supprimés définitivement ; c&apos;est irréversible. Le journal d&apos;audit garde une trace de la suppression.</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Abandonner les modifications</translation>
    </message>
    <message>
        <source>Discard your changes to {key}?</source>
        <translation>Abandonner vos modifications de {key} ?</translation>
    </message>
    <message>
        <source>Discard your changes?</source>
        <translation>Abandonner vos modifications ?</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Abandonner</translation>
    </message>
    <message>
        <source>The key keeps its saved values.</source>
        <translation>La clé garde ses valeurs enregistrées.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recharger</translation>
    </message>
</context>
<context>
    <name>KeyDialogs</name>
    <message>
        <source>The key {prefix} no longer exists.</source>
        <translation>La clé {prefix} n&apos;existe plus.</translation>
    </message>
    <message>
        <source>Key details</source>
        <translation>Détails de la clé</translation>
    </message>
    <message>
        <source>Deleted the key {prefix}.</source>
        <translation>Clé {prefix} supprimée.</translation>
    </message>
    <message>
        <source>Add API Key</source>
        <translation>Ajouter une clé d&apos;API</translation>
    </message>
    <message>
        <source>The key {prefix} was deleted meanwhile.</source>
        <translation>La clé {prefix} a été supprimée entre-temps.</translation>
    </message>
    <message>
        <source>Created the key {name} ({prefix}).</source>
        <translation>Clé {name} ({prefix}) créée.</translation>
    </message>
    <message>
        <source>Created the key {name} ({prefix}); the current search hides it.</source>
        <translation>Clé {name} ({prefix}) créée ; la recherche en cours la masque.</translation>
    </message>
    <message>
        <source>Could not show the new key</source>
        <translation>Impossible d&apos;afficher la nouvelle clé</translation>
    </message>
</context>
<context>
    <name>KeyForm</name>
    <message>
        <source>Skills are not active yet</source>
        <translation>Les compétences ne sont pas encore actives</translation>
    </message>
    <message>
        <source>This key can call no model</source>
        <translation>Cette clé ne peut appeler aucun modèle</translation>
    </message>
    <message>
        <source>Usage tracking consent. When on, each successful verification of this key records the time and the model called, and updates its last-used time.
When off, no usage data of this key is recorded at all, not even the last-used time.</source>
        <translation>Consentement au suivi de l&apos;utilisation. Activé, chaque vérification réussie de cette clé enregistre l&apos;heure et le modèle appelé, et met à jour sa date de dernière utilisation.
Désactivé, aucune donnée d&apos;utilisation de cette clé n&apos;est enregistrée, pas même la date de dernière utilisation.</translation>
    </message>
    <message>
        <source>local time</source>
        <translation>heure locale</translation>
    </message>
    <message>
        <source>There is no active user yet: add one on the Users page first.</source>
        <translation>Il n&apos;y a encore aucun utilisateur actif : ajoutez-en un d&apos;abord dans la page Utilisateurs.</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>Compétences</translation>
    </message>
    <message>
        <source>Skills are not active yet.</source>
        <translation>Les compétences ne sont pas encore actives.</translation>
    </message>
    <message>
        <source>&amp;Opt in: record the usage of this key</source>
        <translation>C&amp;onsentement : enregistrer l&apos;utilisation de cette clé</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Utilisateur :</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rôle :</translation>
    </message>
    <message>
        <source>Permitted &amp;models:</source>
        <translation>&amp;Modèles autorisés :</translation>
    </message>
    <message>
        <source>Skills:</source>
        <translation>Compétences :</translation>
    </message>
    <message>
        <source>Usage tracking:</source>
        <translation>Suivi de l&apos;utilisation :</translation>
    </message>
    <message>
        <source>Expiry:</source>
        <translation>Expiration :</translation>
    </message>
    <message>
        <source>Check at least one model the key may call.</source>
        <translation>Cochez au moins un modèle que la clé peut appeler.</translation>
    </message>
    <message>
        <source>The model catalog is empty: add models on the Models page.</source>
        <translation>Le catalogue des modèles est vide : ajoutez des modèles dans la page Modèles.</translation>
    </message>
</context>
<context>
    <name>KeyHistory</name>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Opérateur</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Modifications</translation>
    </message>
    <message>
        <source>History of this key</source>
        <translation>Historique de cette clé</translation>
    </message>
    <message>
        <source>No change of this key is recorded.</source>
        <translation>Aucune modification de cette clé n&apos;est enregistrée.</translation>
    </message>
</context>
<context>
    <name>KeyInfo</name>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Prefix:</source>
        <translation>Préfixe :</translation>
    </message>
    <message>
        <source>Unique name:</source>
        <translation>Nom unique :</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Créée le :</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Statut :</translation>
    </message>
    <message>
        <source>Has expired:</source>
        <translation>Expirée :</translation>
    </message>
    <message>
        <source>Revoked:</source>
        <translation>Révoquée :</translation>
    </message>
    <message>
        <source>Revoked at:</source>
        <translation>Révoquée le :</translation>
    </message>
    <message>
        <source>Last used:</source>
        <translation>Dernière utilisation :</translation>
    </message>
    <message>
        <source>Times are in your local time zone ({zone}).</source>
        <translation>Les heures sont dans votre fuseau horaire ({zone}).</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>Not recorded: usage tracking is off for this key</source>
        <translation>Non enregistrée : le suivi de l&apos;utilisation est désactivé pour cette clé</translation>
    </message>
</context>
<context>
    <name>KeyRole</name>
    <message>
        <source>Standard API Key</source>
        <translation>Clé d&apos;API standard</translation>
    </message>
    <message>
        <source>Admin API Key</source>
        <translation>Clé d&apos;API d&apos;administration</translation>
    </message>
    <message>
        <source>Project API Key</source>
        <translation>Clé d&apos;API de projet</translation>
    </message>
</context>
<context>
    <name>KeyStatus</name>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirée</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Révoquée</translation>
    </message>
    <message>
        <source>Services presenting this key are accepted.</source>
        <translation>Les services présentant cette clé sont acceptés.</translation>
    </message>
    <message>
        <source>The key&apos;s expiry has passed: services presenting it are refused.</source>
        <translation>La date d&apos;expiration de la clé est passée : les services qui la présentent sont refusés.</translation>
    </message>
    <message>
        <source>The key was revoked: services presenting it are refused.</source>
        <translation>La clé a été révoquée : les services qui la présentent sont refusés.</translation>
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
    <name>ModelPicker</name>
    <message>
        <source>Filter models…</source>
        <translation>Filtrer les modèles…</translation>
    </message>
    <message>
        <source>Filter permitted models</source>
        <translation>Filtrer les modèles autorisés</translation>
    </message>
    <message>
        <source>Permitted models</source>
        <translation>Modèles autorisés</translation>
    </message>
    <message>
        <source>The models this key may call; Space checks or unchecks one</source>
        <translation>Les modèles que cette clé peut appeler ; Espace coche ou décoche un modèle</translation>
    </message>
    <message numerus="yes">
        <source>%Ln of {total} selected</source>
        <translation>
            <numerusform>%Ln sur {total} sélectionné</numerusform>
            <numerusform>%Ln sur {total} sélectionnés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln shown</source>
        <translation>
            <numerusform>%Ln affiché</numerusform>
            <numerusform>%Ln affichés</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NameField</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Required; at most {count} characters</source>
        <translation>Obligatoire ; au plus {count} caractères</translation>
    </message>
    <message>
        <source>Required, e.g. Billing service (production)</source>
        <translation>Obligatoire, p. ex. Facturation (production)</translation>
    </message>
    <message>
        <source>A name has at most {count} characters.</source>
        <translation>Un nom compte au plus {count} caractères.</translation>
    </message>
    <message>
        <source>Characters used</source>
        <translation>Caractères utilisés</translation>
    </message>
</context>
<context>
    <name>OfflineAction</name>
    <message>
        <source>opening the key details</source>
        <translation>l&apos;ouverture des détails de la clé</translation>
    </message>
    <message>
        <source>editing keys</source>
        <translation>la modification des clés</translation>
    </message>
    <message>
        <source>deleting keys</source>
        <translation>la suppression des clés</translation>
    </message>
    <message>
        <source>refreshing the key</source>
        <translation>l&apos;actualisation de la clé</translation>
    </message>
    <message>
        <source>showing the new key</source>
        <translation>l&apos;affichage de la nouvelle clé</translation>
    </message>
    <message>
        <source>finding leaked keys</source>
        <translation>la recherche de clés divulguées</translation>
    </message>
</context>
<context>
    <name>RoleCombo</name>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>For an application or web service</source>
        <translation>Pour une application ou un service web</translation>
    </message>
</context>
<context>
    <name>RotateKeyDialog</name>
    <message>
        <source>Stop now</source>
        <translation>Arrêter maintenant</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 heure</translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation>24 heures</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 jours</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 jours</translation>
    </message>
    <message>
        <source>Rotate key</source>
        <translation>Renouveler la clé</translation>
    </message>
    <message>
        <source>Rotate &lt;b&gt;{name}&lt;/b&gt; ({prefix})</source>
        <translation>Renouveler &lt;b&gt;{name}&lt;/b&gt; ({prefix})</translation>
    </message>
    <message>
        <source>A new key replaces this one, with the same name, role, models, skills, usage opt-in and owner, and the same expiry. It is shown once. The old key keeps working for the grace period, so services can switch over, then expires.</source>
        <translation>Une nouvelle clé remplace celle-ci, avec les mêmes nom, rôle, modèles, compétences, consentement au suivi et propriétaire, et la même expiration. Elle n&apos;est affichée qu&apos;une fois. L&apos;ancienne clé continue de fonctionner pendant le délai de grâce, le temps que les services basculent, puis elle expire.</translation>
    </message>
    <message>
        <source>Grace period of the old key</source>
        <translation>Délai de grâce de l&apos;ancienne clé</translation>
    </message>
    <message>
        <source>How long the old key keeps working</source>
        <translation>Combien de temps l&apos;ancienne clé continue de fonctionner</translation>
    </message>
    <message>
        <source>&amp;Old key keeps working:</source>
        <translation>L&apos;ancienne clé fonctionne &amp;encore :</translation>
    </message>
    <message>
        <source>Generating the new key and hashing its secret…</source>
        <translation>Génération de la nouvelle clé et hachage de son secret…</translation>
    </message>
    <message>
        <source>Rotating the key</source>
        <translation>Renouvellement de la clé</translation>
    </message>
    <message>
        <source>&amp;Rotate key</source>
        <translation>&amp;Renouveler la clé</translation>
    </message>
    <message>
        <source>The old key stops working as soon as the new one is created.</source>
        <translation>L&apos;ancienne clé cesse de fonctionner dès la création de la nouvelle.</translation>
    </message>
    <message>
        <source>The old key stops working at {time}.</source>
        <translation>L&apos;ancienne clé cesse de fonctionner le {time}.</translation>
    </message>
    <message>
        <source>That is its own expiry: a rotation never lengthens a lifetime.</source>
        <translation>C&apos;est sa propre expiration : un renouvellement n&apos;allonge jamais une durée de vie.</translation>
    </message>
    <message>
        <source>Key rotated.</source>
        <translation>Clé renouvelée.</translation>
    </message>
    <message>
        <source>The new key could not be generated: {error}</source>
        <translation>La nouvelle clé n&apos;a pas pu être générée : {error}</translation>
    </message>
</context>
<context>
    <name>UsageChart</name>
    <message>
        <source>Calls per day by model</source>
        <translation>Appels par jour et par modèle</translation>
    </message>
    <message>
        <source>(no model)</source>
        <translation>(aucun modèle)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln calls over the period</source>
        <translation>
            <numerusform>%Ln appel sur la période</numerusform>
            <numerusform>%Ln appels sur la période</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln call over the period</source>
        <translation>
            <numerusform>%Ln appel sur la période</numerusform>
            <numerusform>%Ln appels sur la période</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsageSection</name>
    <message>
        <source>Usage</source>
        <translation>Utilisation</translation>
    </message>
    <message>
        <source>Usage period</source>
        <translation>Période d&apos;utilisation</translation>
    </message>
    <message numerus="yes">
        <source>Last %Ln days</source>
        <translation>
            <numerusform>%Ln dernier jour</numerusform>
            <numerusform>%Ln derniers jours</numerusform>
        </translation>
    </message>
    <message>
        <source>Not tracked: this key has no usage opt-in, so keydesk records nothing about its use, not even when it was last used.</source>
        <translation>Non suivie : cette clé n&apos;a pas de consentement au suivi, keydesk n&apos;enregistre donc rien de son utilisation, pas même la date de dernière utilisation.</translation>
    </message>
    <message>
        <source>Reading usage…</source>
        <translation>Lecture de l&apos;utilisation…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln call</source>
        <translation>
            <numerusform>%Ln appel</numerusform>
            <numerusform>%Ln appels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln calls</source>
        <translation>
            <numerusform>%Ln appel</numerusform>
            <numerusform>%Ln appels</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message numerus="yes">
        <source>{calls} in the last %Ln days · last used {last}</source>
        <translation>
            <numerusform>{calls} sur le dernier jour · dernière utilisation : {last}</numerusform>
            <numerusform>{calls} sur les %Ln derniers jours · dernière utilisation : {last}</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage cannot be read now: the database does not answer.</source>
        <translation>L&apos;utilisation ne peut pas être lue maintenant : la base de données ne répond pas.</translation>
    </message>
    <message>
        <source>Usage could not be read: {error}</source>
        <translation>L&apos;utilisation n&apos;a pas pu être lue : {error}</translation>
    </message>
</context>
<context>
    <name>UserCombo</name>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>The user who owns the key</source>
        <translation>L&apos;utilisateur propriétaire de la clé</translation>
    </message>
    <message>
        <source>Choose a user…</source>
        <translation>Choisissez un utilisateur…</translation>
    </message>
    <message>
        <source>{user} (deactivated)</source>
        <translation>{user} (désactivé)</translation>
    </message>
</context>
</TS>
