<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add user</source>
        <translation>Ajouter l&apos;utilisateur</translation>
    </message>
    <message>
        <source>Optional: defaults to the part before @</source>
        <translation>Facultatif : par défaut, la partie avant @</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>&amp;Display name</source>
        <translation>&amp;Nom d&apos;affichage</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>The new user&apos;s email address</source>
        <translation>L&apos;adresse e-mail du nouvel utilisateur</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Nom d&apos;affichage</translation>
    </message>
    <message>
        <source>Could not add the user</source>
        <translation>Impossible d&apos;ajouter l&apos;utilisateur</translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <source>reading the audit log</source>
        <translation>la lecture du journal d&apos;audit</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>All operators</source>
        <translation>Tous les opérateurs</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créée</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Modifiée</translation>
    </message>
    <message>
        <source>Reassigned</source>
        <translation>Réattribuée</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Révoquée</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Supprimée</translation>
    </message>
    <message>
        <source>Rotated</source>
        <translation>Renouvelée</translation>
    </message>
    <message>
        <source>User added</source>
        <translation>Utilisateur ajouté</translation>
    </message>
    <message>
        <source>User edited</source>
        <translation>Utilisateur modifié</translation>
    </message>
    <message>
        <source>Model added</source>
        <translation>Modèle ajouté</translation>
    </message>
    <message>
        <source>Skill added</source>
        <translation>Compétence ajoutée</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <source>role</source>
        <translation>rôle</translation>
    </message>
    <message>
        <source>user</source>
        <translation>propriétaire</translation>
    </message>
    <message>
        <source>models</source>
        <translation>modèles autorisés</translation>
    </message>
    <message>
        <source>skills</source>
        <translation>compétences</translation>
    </message>
    <message>
        <source>expires</source>
        <translation>expire le</translation>
    </message>
    <message>
        <source>opt-in</source>
        <translation>suivi de l&apos;utilisation</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>révoquée</translation>
    </message>
    <message>
        <source>rotated from</source>
        <translation>renouvelle</translation>
    </message>
    <message>
        <source>rotated to</source>
        <translation>renouvelée par</translation>
    </message>
    <message>
        <source>email</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <source>display name</source>
        <translation>nom d&apos;affichage</translation>
    </message>
    <message>
        <source>unique name</source>
        <translation>nom unique</translation>
    </message>
    <message>
        <source>active</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>leaked</source>
        <translation>fuite</translation>
    </message>
    <message>
        <source>standard</source>
        <translation>standard</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>administration</translation>
    </message>
    <message>
        <source>project</source>
        <translation>projet</translation>
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
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>{field}: {value}</source>
        <translation>{field} : {value}</translation>
    </message>
    <message>
        <source>{field}: {before} → {after}</source>
        <translation>{field} : {before} → {after}</translation>
    </message>
    <message>
        <source>queued offline, applied {time}</source>
        <translation>mise en file hors ligne, appliquée le {time}</translation>
    </message>
    <message>
        <source>reason: {reason}</source>
        <translation>motif : {reason}</translation>
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
        <source>Key or subject</source>
        <translation>Clé ou objet</translation>
    </message>
    <message>
        <source>Unique name</source>
        <translation>Nom unique</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Modifications</translation>
    </message>
    <message>
        <source>Filter by key: part of a prefix, unique name or owner</source>
        <translation>Filtrer par clé : partie d&apos;un préfixe, nom unique ou propriétaire</translation>
    </message>
    <message>
        <source>Filter by key</source>
        <translation>Filtrer par clé</translation>
    </message>
    <message>
        <source>Part of a prefix, unique name or owner</source>
        <translation>Partie d&apos;un préfixe, nom unique ou propriétaire</translation>
    </message>
    <message>
        <source>Filter by operator</source>
        <translation>Filtrer par opérateur</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message>
        <source>Every change, newest first</source>
        <translation>Chaque modification, la plus récente en premier</translation>
    </message>
    <message>
        <source>Database user: {user}</source>
        <translation>Utilisateur de la base de données : {user}</translation>
    </message>
    <message>
        <source>the audit log</source>
        <translation>le journal d&apos;audit</translation>
    </message>
    <message numerus="yes">
        <source>It keeps the events of the last %n days (at most the newest {limit}); older ones are on the server.</source>
        <translation>
            <numerusform>Elle garde les événements du dernier jour (%n jour, au plus les {limit} plus récents) ; les plus anciens sont sur le serveur.</numerusform>
            <numerusform>Elle garde les événements des %n derniers jours (au plus les {limit} plus récents) ; les plus anciens sont sur le serveur.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln events (the newest; filter to see older ones)</source>
        <translation>
            <numerusform>%Ln événement (le plus récent ; filtrez pour voir les plus anciens)</numerusform>
            <numerusform>%Ln événements (les plus récents ; filtrez pour voir les plus anciens)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln events</source>
        <translation>
            <numerusform>%Ln événement</numerusform>
            <numerusform>%Ln événements</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the audit log</source>
        <translation>Impossible de charger le journal d&apos;audit</translation>
    </message>
</context>
<context>
    <name>BulkProgress</name>
    <message>
        <source>Progress of the change</source>
        <translation>Avancement de la modification</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop before anything is written; no key is changed</source>
        <translation>Arrêter avant toute écriture ; aucune clé n&apos;est modifiée</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>{doing} {percent} %</source>
        <translation>{doing} {percent} %</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>reading the catalog</source>
        <translation>la lecture du catalogue</translation>
    </message>
    <message>
        <source>{name} is not a valid model name: use up to 100 letters, digits and . _ : / + -, starting with a letter or digit.</source>
        <translation>{name} n&apos;est pas un nom de modèle valide : utilisez jusqu&apos;à 100 lettres, chiffres et . _ : / + -, en commençant par une lettre ou un chiffre.</translation>
    </message>
    <message>
        <source>{name} is not a valid skill name: use up to 100 letters, digits and . _ : / + -, starting with a letter or digit.</source>
        <translation>{name} n&apos;est pas un nom de compétence valide : utilisez jusqu&apos;à 100 lettres, chiffres et . _ : / + -, en commençant par une lettre ou un chiffre.</translation>
    </message>
    <message>
        <source>The model {name} is already in the catalog.</source>
        <translation>Le modèle {name} est déjà dans le catalogue.</translation>
    </message>
    <message>
        <source>The skill {name} is already in the catalog.</source>
        <translation>La compétence {name} est déjà dans le catalogue.</translation>
    </message>
</context>
<context>
    <name>CopyNote</name>
    <message>
        <source>Nothing can be changed until the database server is back.</source>
        <translation>Aucune modification n&apos;est possible tant que le serveur de base de données est injoignable.</translation>
    </message>
    <message>
        <source>Offline — {what} as of {time} (this computer&apos;s copy). {tail}</source>
        <translation>Hors ligne — {what} au {time} (copie de cet ordinateur). {tail}</translation>
    </message>
    <message>
        <source>Offline copy</source>
        <translation>Copie hors ligne</translation>
    </message>
</context>
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
    <name>Database</name>
    <message>
        <source>database</source>
        <translation>la base de données</translation>
    </message>
    <message>
        <source>The disk holding the {where} is full, so nothing was changed: free some space and try again.</source>
        <translation>Le disque qui contient {where} est plein, donc rien n&apos;a été modifié : libérez de l&apos;espace et réessayez.</translation>
    </message>
    <message>
        <source>The disk of the {where} is full, so nothing was changed: its administrator must free some space.</source>
        <translation>Le disque qui héberge {where} est plein, donc rien n&apos;a été modifié : son administrateur doit libérer de l&apos;espace.</translation>
    </message>
    <message>
        <source>The {where} is read-only here, so nothing was changed: keydesk can show it but not change it.</source>
        <translation>Rien n&apos;a été modifié : ici, {where} est en lecture seule ; keydesk peut l&apos;afficher, mais pas le modifier.</translation>
    </message>
    <message>
        <source>The {where} is busy with another desk&apos;s long change, so nothing was changed here: try again in a moment.</source>
        <translation>Rien n&apos;a été modifié ici : une longue modification faite depuis un autre poste bloque {where} ; réessayez dans un instant.</translation>
    </message>
    <message>
        <source>The {where} is damaged (its pages do not read back as a database): restore it from a backup.</source>
        <translation>Données endommagées dans {where} (les pages ne se relisent pas comme une base de données) : restaurez une sauvegarde.</translation>
    </message>
    <message>
        <source>The {where} could not be read or written (a disk I/O error): the disk may be failing, or the file was removed.</source>
        <translation>Impossible de lire ou d&apos;écrire dans {where} (erreur d&apos;entrée-sortie du disque) : le disque est peut-être défaillant, ou le fichier a été supprimé.</translation>
    </message>
    <message>
        <source>Text with a NUL character (\x00) cannot be stored or searched.</source>
        <translation>Un texte contenant un caractère NUL (\x00) ne peut être ni enregistré ni recherché.</translation>
    </message>
    <message>
        <source>That date lies beyond the calendar keydesk can store (years 1 to 9999).</source>
        <translation>Cette date dépasse le calendrier que keydesk peut enregistrer (années 1 à 9999).</translation>
    </message>
    <message>
        <source>database {name} on {host}</source>
        <translation>la base de données {name} sur {host}</translation>
    </message>
    <message>
        <source>The live refresh cannot reach the database: {reason}.</source>
        <translation>L&apos;actualisation en direct ne peut pas joindre la base de données : {reason}.</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file.</source>
        <translation>{path} est un dossier, pas un fichier de base de données.</translation>
    </message>
    <message>
        <source>The folder {path} does not exist.</source>
        <translation>Le dossier {path} n&apos;existe pas.</translation>
    </message>
    <message>
        <source>{path} is not a database file (it is not SQLite).</source>
        <translation>{path} n&apos;est pas un fichier de base de données (ce n&apos;est pas du SQLite).</translation>
    </message>
    <message>
        <source>The {kind} driver is not installed: pip install {driver}.</source>
        <translation>Le pilote {kind} n&apos;est pas installé : pip install {driver}.</translation>
    </message>
    <message>
        <source>file {path}</source>
        <translation>le fichier {path}</translation>
    </message>
    <message>
        <source>{path} cannot be opened as a database: {reason}.</source>
        <translation>Impossible d&apos;ouvrir {path} comme base de données : {reason}.</translation>
    </message>
    <message>
        <source>The {where} refused the login: {reason}.</source>
        <translation>Connexion refusée par {where} : {reason}.</translation>
    </message>
    <message>
        <source>Cannot connect to the {where}: {reason}.</source>
        <translation>Impossible de se connecter à {where} : {reason}.</translation>
    </message>
    <message>
        <source>The database URL&apos;s parameters could not be used ({names}): check their names and values, e.g. ?connect_timeout=5.</source>
        <translation>Les paramètres de l&apos;URL de la base de données sont inutilisables ({names}) : vérifiez leurs noms et leurs valeurs, par ex. ?connect_timeout=5.</translation>
    </message>
    <message>
        <source>The {where} already holds other tables and is not a keydesk database; keydesk left it untouched.</source>
        <translation>Rien n&apos;a été touché : {where} contient déjà d&apos;autres tables et n&apos;est pas une base de données keydesk.</translation>
    </message>
    <message>
        <source>The {where} was upgraded by a newer keydesk (schema {schema}), so it was left unchanged: update keydesk to open it.</source>
        <translation>Une version plus récente de keydesk a mis à niveau {where} (schéma {schema}) ; rien n&apos;a été modifié : mettez keydesk à jour pour l&apos;ouvrir.</translation>
    </message>
    <message>
        <source>The {where} is read-only here and was made by an older keydesk: open it once with write access so that this keydesk can upgrade it.</source>
        <translation>Ici, {where} est en lecture seule et date d&apos;une version plus ancienne de keydesk : ouvrez cette base une fois avec le droit d&apos;écriture pour que cette version de keydesk la mette à niveau.</translation>
    </message>
    <message>
        <source>The {where} could not be prepared: {reason}.</source>
        <translation>Impossible de préparer {where} : {reason}.</translation>
    </message>
    <message>
        <source>The file {path} was deleted or moved while keydesk had it open, so nothing was changed: open it again, or restore it, to go on.</source>
        <translation>Le fichier {path} a été supprimé ou déplacé alors que keydesk l&apos;avait ouvert, donc rien n&apos;a été modifié : rouvrez-le ou restaurez-le pour continuer.</translation>
    </message>
    <message>
        <source>The file {path} was replaced by another file while keydesk had it open, so nothing was changed: open it again to work on the new file.</source>
        <translation>Le fichier {path} a été remplacé par un autre alors que keydesk l&apos;avait ouvert, donc rien n&apos;a été modifié : rouvrez-le pour travailler sur le nouveau fichier.</translation>
    </message>
    <message>
        <source>The file {path} was overwritten with another copy while keydesk had it open, and changes made here are missing from it, so nothing was changed: open it again to go on.</source>
        <translation>Le fichier {path} a été écrasé par une autre copie alors que keydesk l&apos;avait ouvert, et les modifications faites ici n&apos;y figurent pas, donc rien n&apos;a été modifié : rouvrez-le pour continuer.</translation>
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
        <source>Quit</source>
        <translation>Quitter</translation>
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
    <name>DetailLifecycleButtons</name>
    <message>
        <source>Ro&amp;tate…</source>
        <translation>Ro&amp;tation…</translation>
    </message>
    <message>
        <source>Replace this key by a new one; this one keeps working for a grace period</source>
        <translation>Remplacer cette clé par une nouvelle ; celle-ci reste valable pendant un délai de grâce</translation>
    </message>
    <message>
        <source>Create s&amp;imilar…</source>
        <translation>Créer une clé s&amp;imilaire…</translation>
    </message>
    <message>
        <source>Add a new key with this key&apos;s settings</source>
        <translation>Ajouter une nouvelle clé avec les réglages de celle-ci</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Create similar</source>
        <translation>Créer une clé similaire</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Empty table</source>
        <translation>Tableau vide</translation>
    </message>
</context>
<context>
    <name>ErrorBox</name>
    <message>
        <source>Something unexpected went wrong ({kind}). keydesk is still running; the details were written to {log}.</source>
        <translation>Une erreur inattendue s&apos;est produite ({kind}). keydesk fonctionne toujours ; les détails ont été écrits dans {log}.</translation>
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
    <name>ExpiryReminder</name>
    <message>
        <source>Show the keys that expire within {days} days (the Expiring soon filter)</source>
        <translation>Afficher les clés qui expirent d&apos;ici {days} jours (le filtre Expirant bientôt)</translation>
    </message>
    <message>
        <source>Reminder: {text}</source>
        <translation>Rappel : {text}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln keys expire within {days} days</source>
        <translation>
            <numerusform>%Ln clé expire d&apos;ici {days} jours</numerusform>
            <numerusform>%Ln clés expirent d&apos;ici {days} jours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>The name</source>
        <translation>Le nom</translation>
    </message>
    <message>
        <source>The display name</source>
        <translation>Le nom d&apos;affichage</translation>
    </message>
    <message>
        <source>{what} cannot contain control characters such as line breaks, tabs or terminal escapes (found U+{code}).</source>
        <translation>{what} ne peut pas contenir de caractères de contrôle comme des retours à la ligne, des tabulations ou des séquences d&apos;échappement de terminal (trouvé : U+{code}).</translation>
    </message>
    <message>
        <source>{what} must contain something visible.</source>
        <translation>{what} doit contenir au moins un caractère visible.</translation>
    </message>
    <message>
        <source>&apos;{start}…&apos; ({count} characters)</source>
        <translation>&apos;{start}…&apos; ({count} caractères)</translation>
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
        <source>&amp;Queue the revocation of %Ln keys…</source>
        <translation>
            <numerusform>&amp;Mettre en attente la révocation de %Ln clé…</numerusform>
            <numerusform>&amp;Mettre en attente la révocation de %Ln clés…</numerusform>
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
    <name>KeyActions</name>
    <message numerus="yes">
        <source>and %Ln more</source>
        <translation>
            <numerusform>et %Ln autre</numerusform>
            <numerusform>et %Ln autres</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: the key was not deleted.</source>
        <translation>Annulé : la clé n&apos;a pas été supprimée.</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: none of the %Ln keys was deleted.</source>
        <translation>
            <numerusform>Annulé : la clé n&apos;a pas été supprimée.</numerusform>
            <numerusform>Annulé : aucune des %Ln clés n&apos;a été supprimée.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: the key was not revoked.</source>
        <translation>Annulé : la clé n&apos;a pas été révoquée.</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: none of the %Ln keys was revoked.</source>
        <translation>
            <numerusform>Annulé : la clé n&apos;a pas été révoquée.</numerusform>
            <numerusform>Annulé : aucune des %Ln clés n&apos;a été révoquée.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export keys as CSV</source>
        <translation>Exporter les clés en CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln keys to {path}.</source>
        <translation>
            <numerusform>%Ln clé exportée dans {path}.</numerusform>
            <numerusform>%Ln clés exportées dans {path}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l&apos;export</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}.</source>
        <translation>Impossible d&apos;écrire {path} : {reason}.</translation>
    </message>
    <message>
        <source>The revocation of the selected key is already pending.</source>
        <translation>La révocation de la clé sélectionnée est déjà en attente.</translation>
    </message>
    <message>
        <source>The revocation of the selected keys is already pending.</source>
        <translation>La révocation des clés sélectionnées est déjà en attente.</translation>
    </message>
    <message>
        <source>The selected key is already revoked.</source>
        <translation>La clé sélectionnée est déjà révoquée.</translation>
    </message>
    <message>
        <source>The selected keys are already revoked.</source>
        <translation>Les clés sélectionnées sont déjà révoquées.</translation>
    </message>
    <message>
        <source>Revoke the key “{name}” ({prefix})?</source>
        <translation>Révoquer la clé « {name} » ({prefix}) ?</translation>
    </message>
    <message numerus="yes">
        <source>Revoke %Ln keys?</source>
        <translation>
            <numerusform>Révoquer %Ln clé ?</numerusform>
            <numerusform>Révoquer %Ln clés ?</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoked keys stop working at once. Revoking cannot be undone.</source>
        <translation>Les clés révoquées cessent aussitôt de fonctionner. La révocation est irréversible.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected keys already revoked stay as they are.</source>
        <translation>
            <numerusform>%Ln clé sélectionnée déjà révoquée reste telle quelle.</numerusform>
            <numerusform>%Ln clés sélectionnées déjà révoquées restent telles quelles.</numerusform>
        </translation>
    </message>
    <message>
        <source>You are offline: the revocation is kept on this computer and applied once when the database server is back.</source>
        <translation>Vous êtes hors ligne : la révocation est conservée sur cet ordinateur et appliquée dès que le serveur de base de données sera de retour.</translation>
    </message>
    <message>
        <source>Revoke keys</source>
        <translation>Révoquer des clés</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Révoquer</translation>
    </message>
    <message>
        <source>(Cancel came after they were written.)</source>
        <translation>(L&apos;annulation est arrivée après leur écriture.)</translation>
    </message>
    <message>
        <source>Could not revoke</source>
        <translation>Révocation impossible</translation>
    </message>
    <message numerus="yes">
        <source>Revoking %Ln keys…</source>
        <translation>
            <numerusform>Révocation de %Ln clé…</numerusform>
            <numerusform>Révocation de %Ln clés…</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete the key “{name}” ({prefix})?</source>
        <translation>Supprimer la clé « {name} » ({prefix}) ?</translation>
    </message>
    <message>
        <source>Deleting is permanent: the key and its usage history are removed.</source>
        <translation>La suppression est définitive : la clé et son historique d&apos;utilisation sont effacés.</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln keys?</source>
        <translation>
            <numerusform>Supprimer %Ln clé ?</numerusform>
            <numerusform>Supprimer %Ln clés ?</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleting is permanent: the keys and their usage history are removed.</source>
        <translation>La suppression est définitive : les clés et leur historique d&apos;utilisation sont effacés.</translation>
    </message>
    <message>
        <source>Delete keys</source>
        <translation>Supprimer des clés</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>(Cancel came after they were deleted.)</source>
        <translation>(L&apos;annulation est arrivée après leur suppression.)</translation>
    </message>
    <message>
        <source>Could not delete</source>
        <translation>Suppression impossible</translation>
    </message>
    <message numerus="yes">
        <source>Deleting %Ln keys…</source>
        <translation>
            <numerusform>Suppression de %Ln clé…</numerusform>
            <numerusform>Suppression de %Ln clés…</numerusform>
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
        <source>local time</source>
        <translation>heure locale</translation>
    </message>
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
    <name>KeyLifecycle</name>
    <message>
        <source>Add API key like {unique_name}</source>
        <translation>Ajouter une clé d&apos;API comme {unique_name}</translation>
    </message>
    <message>
        <source>Rotate key…</source>
        <translation>Rotation de la clé…</translation>
    </message>
    <message>
        <source>Replace the selected key by a new one, with a grace period</source>
        <translation>Remplacer la clé sélectionnée par une nouvelle, avec un délai de grâce</translation>
    </message>
    <message>
        <source>Create similar…</source>
        <translation>Créer une clé similaire…</translation>
    </message>
    <message>
        <source>Add a key with the selected key&apos;s settings</source>
        <translation>Ajouter une clé avec les réglages de la clé sélectionnée</translation>
    </message>
    <message>
        <source>Find leaked keys…</source>
        <translation>Rechercher des clés divulguées…</translation>
    </message>
    <message>
        <source>Find keydesk keys in pasted text and revoke them</source>
        <translation>Trouver des clés keydesk dans un texte collé et les révoquer</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>The key {prefix} is revoked: there is nothing to rotate.</source>
        <translation>La clé {prefix} est révoquée : aucune rotation possible.</translation>
    </message>
    <message>
        <source>The key {prefix} is expired: there is nothing to rotate.</source>
        <translation>La clé {prefix} a expiré : aucune rotation possible.</translation>
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
    <name>KeyTableHeader</name>
    <message>
        <source>Reset columns</source>
        <translation>Réinitialiser les colonnes</translation>
    </message>
</context>
<context>
    <name>KeyTableModel</name>
    <message>
        <source>{time} (UTC)</source>
        <translation>{time} (heure UTC)</translation>
    </message>
    <message>
        <source>This key&apos;s owner did not opt in to usage tracking</source>
        <translation>Le propriétaire de cette clé n&apos;a pas accepté le suivi de l&apos;utilisation</translation>
    </message>
    <message>
        <source>{prefix} — click to open the key&apos;s details</source>
        <translation>{prefix} — cliquez pour ouvrir le détail de la clé</translation>
    </message>
    <message>
        <source>Revoked keys stop working at once and can only be deleted</source>
        <translation>Les clés révoquées cessent aussitôt de fonctionner et ne peuvent plus qu&apos;être supprimées</translation>
    </message>
</context>
<context>
    <name>KeyTableWords</name>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>Not tracked</source>
        <translation>Non suivie</translation>
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
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Not revoked</source>
        <translation>Non révoquée</translation>
    </message>
    <message>
        <source>Does not expire</source>
        <translation>N&apos;expire pas</translation>
    </message>
    <message>
        <source>Expires in less than a day</source>
        <translation>Expire dans moins d&apos;un jour</translation>
    </message>
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
    <message>
        <source>Prefix</source>
        <translation>Préfixe</translation>
    </message>
    <message>
        <source>Unique name</source>
        <translation>Nom unique</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créée le</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire le</translation>
    </message>
    <message>
        <source>Has expired</source>
        <translation>Expirée</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Dernière utilisation</translation>
    </message>
    <message>
        <source>Recorded only for keys whose owner opted in to usage tracking</source>
        <translation>Enregistrée seulement pour les clés dont le propriétaire a accepté le suivi de l&apos;utilisation</translation>
    </message>
    <message numerus="yes">
        <source>Expires in %Ln days</source>
        <translation>
            <numerusform>Expire dans %Ln jour</numerusform>
            <numerusform>Expire dans %Ln jours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keys</name>
    <message>
        <source>No key was given.</source>
        <translation>Aucune clé n&apos;a été indiquée.</translation>
    </message>
    <message>
        <source>Some of these keys changed while revoking them; try again.</source>
        <translation>Certaines de ces clés ont changé pendant leur révocation ; réessayez.</translation>
    </message>
    <message>
        <source>There are no keys with the prefixes {prefixes}.</source>
        <translation>Il n&apos;existe aucune clé avec les préfixes {prefixes}.</translation>
    </message>
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
    <message>
        <source>That looks like a whole key, but its checksum does not match: check it for a typo (the key itself is not repeated here).</source>
        <translation>Cela ressemble à une clé complète, mais sa somme de contrôle ne correspond pas : vérifiez qu&apos;elle ne contient pas de faute de frappe (la clé n&apos;est pas reproduite ici).</translation>
    </message>
    <message>
        <source>That is neither a key prefix (such as kd_3fZk9QaB) nor a whole key; it is not repeated here in case it holds a secret.</source>
        <translation>Ce n&apos;est ni un préfixe de clé (comme kd_3fZk9QaB) ni une clé complète ; le texte n&apos;est pas reproduit ici au cas où il contiendrait un secret.</translation>
    </message>
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
        <source>The name cannot be empty.</source>
        <translation>Le nom ne peut pas être vide.</translation>
    </message>
    <message>
        <source>The name must have at most {most} characters; it has {count}.</source>
        <translation>Le nom doit comporter au plus {most} caractères ; il en a {count}.</translation>
    </message>
    <message>
        <source>{role} is not a role: choose standard, admin or project.</source>
        <translation>{role} n&apos;est pas un rôle : choisissez standard, admin ou project.</translation>
    </message>
    <message>
        <source>The expiry must be in the future.</source>
        <translation>La date d&apos;expiration doit être dans le futur.</translation>
    </message>
    <message>
        <source>This key expires at {current} UTC; its expiry cannot be removed, because a key&apos;s lifetime can only be shortened.</source>
        <translation>Cette clé expire le {current} UTC ; son expiration ne peut pas être supprimée, car la durée de vie d&apos;une clé ne peut qu&apos;être raccourcie.</translation>
    </message>
    <message>
        <source>The new expiry {new} UTC is later than the current one ({current} UTC); a key&apos;s lifetime can only be shortened.</source>
        <translation>La nouvelle expiration, {new} UTC, est postérieure à l&apos;actuelle ({current} UTC) ; la durée de vie d&apos;une clé ne peut qu&apos;être raccourcie.</translation>
    </message>
    <message>
        <source>The models are not in the catalog: {names}.</source>
        <translation>Ces modèles ne sont pas dans le catalogue : {names}.</translation>
    </message>
    <message>
        <source>The model is not in the catalog: {names}.</source>
        <translation>Ce modèle n&apos;est pas dans le catalogue : {names}.</translation>
    </message>
    <message>
        <source>The skills are not in the catalog: {names}.</source>
        <translation>Ces compétences ne sont pas dans le catalogue : {names}.</translation>
    </message>
    <message>
        <source>The skill is not in the catalog: {names}.</source>
        <translation>Cette compétence n&apos;est pas dans le catalogue : {names}.</translation>
    </message>
    <message>
        <source>The user {email} is deactivated and cannot hold new keys.</source>
        <translation>L&apos;utilisateur {email} est désactivé et ne peut pas recevoir de nouvelles clés.</translation>
    </message>
    <message>
        <source>A key needs an owner: choose a user.</source>
        <translation>Une clé a besoin d&apos;un propriétaire : choisissez un utilisateur.</translation>
    </message>
    <message>
        <source>Could not find a free prefix and name for the key; try again.</source>
        <translation>Impossible de trouver un préfixe et un nom libres pour la clé ; réessayez.</translation>
    </message>
    <message>
        <source>name is now {name}</source>
        <translation>le nom est maintenant {name}</translation>
    </message>
    <message>
        <source>role is now {role}</source>
        <translation>le rôle est maintenant {role}</translation>
    </message>
    <message>
        <source>owner is now {user}</source>
        <translation>le propriétaire est maintenant {user}</translation>
    </message>
    <message>
        <source>permitted models are now none</source>
        <translation>elle n&apos;a plus aucun modèle autorisé</translation>
    </message>
    <message>
        <source>skills are now none</source>
        <translation>elle n&apos;a plus aucune compétence</translation>
    </message>
    <message>
        <source>permitted models are now {names}</source>
        <translation>les modèles autorisés sont maintenant {names}</translation>
    </message>
    <message>
        <source>skills are now {names}</source>
        <translation>les compétences sont maintenant {names}</translation>
    </message>
    <message>
        <source>expiry is now {time} UTC</source>
        <translation>elle expire maintenant le {time} UTC</translation>
    </message>
    <message>
        <source>expiry is now never</source>
        <translation>elle n&apos;expire plus jamais</translation>
    </message>
    <message>
        <source>usage tracking is now on</source>
        <translation>le suivi de l&apos;utilisation est maintenant activé</translation>
    </message>
    <message>
        <source>usage tracking is now off</source>
        <translation>le suivi de l&apos;utilisation est maintenant désactivé</translation>
    </message>
    <message>
        <source>{first}, {rest}</source>
        <translation>{first}, {rest}</translation>
    </message>
    <message>
        <source> (also signed in as {by})</source>
        <translation> (connecté lui aussi en tant que {by})</translation>
    </message>
    <message>
        <source>{by} deleted this key</source>
        <translation>{by} a supprimé cette clé</translation>
    </message>
    <message>
        <source>This key was deleted by someone else{also}</source>
        <translation>Cette clé a été supprimée par quelqu&apos;un d&apos;autre{also}</translation>
    </message>
    <message>
        <source>{by} revoked this key</source>
        <translation>{by} a révoqué cette clé</translation>
    </message>
    <message>
        <source>This key was revoked by someone else{also}</source>
        <translation>Cette clé a été révoquée par quelqu&apos;un d&apos;autre{also}</translation>
    </message>
    <message>
        <source>{by} changed this key</source>
        <translation>{by} a modifié cette clé</translation>
    </message>
    <message>
        <source>This key was changed by someone else{also}</source>
        <translation>Cette clé a été modifiée par quelqu&apos;un d&apos;autre{also}</translation>
    </message>
    <message>
        <source>{who} while you were editing it, so your change was not saved.</source>
        <translation>{who} pendant que vous la modifiiez, donc votre modification n&apos;a pas été enregistrée.</translation>
    </message>
    <message>
        <source>{who} while you were editing it; a revoked key can no longer be changed, only deleted.</source>
        <translation>{who} pendant que vous la modifiiez ; une clé révoquée ne peut plus être modifiée, seulement supprimée.</translation>
    </message>
    <message>
        <source>{who} while you were editing it: {changes}. Reload it and apply your change again.</source>
        <translation>{who} pendant que vous la modifiiez : {changes}. Rechargez-la et refaites votre modification.</translation>
    </message>
    <message>
        <source>{who} while you were editing it. Reload it and apply your change again.</source>
        <translation>{who} pendant que vous la modifiiez. Rechargez-la et refaites votre modification.</translation>
    </message>
    <message>
        <source>The key {name} is revoked: it can no longer be changed, only deleted.</source>
        <translation>La clé {name} est révoquée : elle ne peut plus être modifiée, seulement supprimée.</translation>
    </message>
    <message>
        <source>The user {email} is deactivated and cannot hold keys.</source>
        <translation>L&apos;utilisateur {email} est désactivé et ne peut pas détenir de clés.</translation>
    </message>
    <message>
        <source>Your database role may not read key hashes, so keys found in text cannot be confirmed here; ask an admin to run the search.</source>
        <translation>Votre rôle de base de données ne permet pas de lire les empreintes des clés, donc les clés trouvées dans le texte ne peuvent pas être confirmées ici ; demandez à un administrateur de lancer la recherche.</translation>
    </message>
    <message>
        <source>{text} is not a duration: write a whole number with a unit, such as 0, 30m, 24h or 7d.</source>
        <translation>{text} n&apos;est pas une durée : écrivez un nombre entier suivi d&apos;une unité, comme 0, 30m, 24h ou 7d.</translation>
    </message>
    <message>
        <source>The grace period cannot be negative.</source>
        <translation>Le délai de grâce ne peut pas être négatif.</translation>
    </message>
    <message>
        <source>The key {name} is revoked: there is nothing to rotate.</source>
        <translation>La clé {name} est révoquée : il n&apos;y a rien à renouveler.</translation>
    </message>
    <message>
        <source>The key {name} has expired: create a new key instead of rotating it.</source>
        <translation>La clé {name} a expiré : créez une nouvelle clé au lieu de la renouveler.</translation>
    </message>
    <message>
        <source>The key changed while rotating it; try again.</source>
        <translation>La clé a changé pendant son renouvellement ; réessayez.</translation>
    </message>
    <message>
        <source>There is no key with the prefix {prefix}.</source>
        <translation>Il n&apos;existe aucune clé avec le préfixe {prefix}.</translation>
    </message>
    <message>
        <source>(no model)</source>
        <translation>(aucun modèle)</translation>
    </message>
    <message>
        <source>Give a number of days from 1 to {most}.</source>
        <translation>Indiquez un nombre de jours entre 1 et {most}.</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Toutes</translation>
    </message>
    <message>
        <source>Expiring soon</source>
        <translation>Expire bientôt</translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <source>Add API Key…</source>
        <translation>Ajouter une clé d&apos;API…</translation>
    </message>
    <message>
        <source>Revoke selected…</source>
        <translation>Révoquer la sélection…</translation>
    </message>
    <message>
        <source>Delete selected…</source>
        <translation>Supprimer la sélection…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Open details</source>
        <translation>Ouvrir le détail</translation>
    </message>
    <message>
        <source>Reload keys</source>
        <translation>Recharger les clés</translation>
    </message>
    <message>
        <source>Search prefix, name, user, role…</source>
        <translation>Rechercher préfixe, nom, utilisateur, rôle…</translation>
    </message>
    <message>
        <source>Search keys</source>
        <translation>Rechercher des clés</translation>
    </message>
    <message>
        <source>Search keys (Ctrl+F): prefix, unique name, name, user, role</source>
        <translation>Rechercher des clés (Ctrl+F) : préfixe, nom unique, nom, utilisateur, rôle</translation>
    </message>
    <message>
        <source>Searches the prefix, unique name, name, user and role; Down moves to the table</source>
        <translation>Cherche dans le préfixe, le nom unique, le nom, l&apos;utilisateur et le rôle ; Bas passe au tableau</translation>
    </message>
    <message>
        <source>Add API Key</source>
        <translation>Ajouter une clé d&apos;API</translation>
    </message>
    <message>
        <source>Add API Key (Ctrl+N)</source>
        <translation>Ajouter une clé d&apos;API (Ctrl+N)</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>Revoke, delete or export the selected keys</source>
        <translation>Révoquer, supprimer ou exporter les clés sélectionnées</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>Clés d&apos;API</translation>
    </message>
    <message>
        <source>Enter opens a key&apos;s details, Delete deletes the selected keys</source>
        <translation>Entrée ouvre le détail d&apos;une clé, Suppr supprime les clés sélectionnées</translation>
    </message>
    <message>
        <source>Could not load the keys</source>
        <translation>Impossible de charger les clés</translation>
    </message>
    <message>
        <source>Reading the keys failed: {kind}: {error}</source>
        <translation>La lecture des clés a échoué : {kind} : {error}</translation>
    </message>
    <message>
        <source>The search looks at the prefix, unique name, name, user and role.</source>
        <translation>La recherche porte sur le préfixe, le nom unique, le nom, l&apos;utilisateur et le rôle.</translation>
    </message>
    <message>
        <source>Clear it (Esc) to see the key.</source>
        <translation>Effacez-la (Échap) pour voir la clé.</translation>
    </message>
    <message numerus="yes">
        <source>Clear it (Esc) to see all %Ln keys.</source>
        <translation>
            <numerusform>Effacez-la (Échap) pour voir la clé.</numerusform>
            <numerusform>Effacez-la (Échap) pour voir les %Ln clés.</numerusform>
        </translation>
    </message>
    <message>
        <source>No key matches “{search}”</source>
        <translation>Aucune clé ne correspond à « {search} »</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Effacer la recherche</translation>
    </message>
    <message>
        <source>Loading keys…</source>
        <translation>Chargement des clés…</translation>
    </message>
    <message>
        <source>The keys could not be loaded</source>
        <translation>Les clés n&apos;ont pas pu être chargées</translation>
    </message>
    <message>
        <source>Reading them from the database failed.</source>
        <translation>Leur lecture dans la base de données a échoué.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>No API keys yet</source>
        <translation>Aucune clé d&apos;API pour l&apos;instant</translation>
    </message>
    <message>
        <source>Add the first one with Add API Key (Ctrl+N): choose its owner, role and models, and copy the key it shows you once.</source>
        <translation>Ajoutez la première avec Ajouter une clé d&apos;API (Ctrl+N) : choisissez son propriétaire, son rôle et ses modèles, puis copiez la clé, affichée une seule fois.</translation>
    </message>
    <message>
        <source>{doing}: wait until that is done.</source>
        <translation>{doing} : attendez que ce soit terminé.</translation>
    </message>
    <message>
        <source>Revoke the selected keys</source>
        <translation>Révoquer les clés sélectionnées</translation>
    </message>
    <message>
        <source>Delete the selected keys</source>
        <translation>Supprimer les clés sélectionnées</translation>
    </message>
    <message>
        <source>Read every key again (F5)</source>
        <translation>Relire toutes les clés (F5)</translation>
    </message>
    <message numerus="yes">
        <source>Revoke selected (%Ln)…</source>
        <translation>
            <numerusform>Révoquer la sélection (%Ln)…</numerusform>
            <numerusform>Révoquer la sélection (%Ln)…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete selected (%Ln)…</source>
        <translation>
            <numerusform>Supprimer la sélection (%Ln)…</numerusform>
            <numerusform>Supprimer la sélection (%Ln)…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sorting %Ln keys…</source>
        <translation>
            <numerusform>Tri de %Ln clé…</numerusform>
            <numerusform>Tri de %Ln clés…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LiveRefresh</name>
    <message>
        <source>Live refresh failed: {kind}</source>
        <translation>Échec de l&apos;actualisation en direct : {kind}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>API Keys</source>
        <translation>Clés d&apos;API</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Utilisateurs</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message numerus="yes">
        <source>Applied %Ln revocations made while offline.</source>
        <translation>
            <numerusform>%Ln révocation faite hors ligne a été appliquée.</numerusform>
            <numerusform>%Ln révocations faites hors ligne ont été appliquées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Sections</translation>
    </message>
    <message>
        <source>The pages of keydesk: API keys, users, models and the audit log</source>
        <translation>Les pages de keydesk : clés d&apos;API, utilisateurs, modèles et journal d&apos;audit</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Open database…</source>
        <translation>Ouvrir une base de données…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation>&amp;Clés</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>Reset key columns</source>
        <translation>Réinitialiser les colonnes des clés</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>About keydesk</source>
        <translation>À propos de keydesk</translation>
    </message>
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
    <message>
        <source>Live refresh paused</source>
        <translation>Actualisation en direct suspendue</translation>
    </message>
    <message>
        <source>Live refresh</source>
        <translation>Actualisation en direct</translation>
    </message>
    <message>
        <source>Changes made at other desks cannot arrive while the database is out of reach; they show up by themselves once it is back.</source>
        <translation>Les modifications faites sur d&apos;autres postes ne peuvent pas arriver tant que la base de données est injoignable ; elles apparaîtront d&apos;elles-mêmes à son retour.</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Key count</source>
        <translation>Nombre de clés</translation>
    </message>
    <message numerus="yes">
        <source>Loading keys… %Ln so far</source>
        <translation>
            <numerusform>Chargement des clés… %Ln pour l&apos;instant</numerusform>
            <numerusform>Chargement des clés… %Ln pour l&apos;instant</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln keys</source>
        <translation>
            <numerusform>{shown} sur %Ln clé</numerusform>
            <numerusform>{shown} sur %Ln clés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln revocations pending</source>
        <translation>
            <numerusform>%Ln révocation en attente</numerusform>
            <numerusform>%Ln révocations en attente</numerusform>
        </translation>
    </message>
    <message>
        <source>keydesk shows the keys as they were then and reconnects by itself; you can still revoke keys.</source>
        <translation>keydesk affiche les clés telles qu&apos;elles étaient alors et se reconnecte tout seul ; vous pouvez toujours révoquer des clés.</translation>
    </message>
    <message>
        <source>keydesk shows the keys as they were then and reconnects by itself.</source>
        <translation>keydesk affiche les clés telles qu&apos;elles étaient alors et se reconnecte tout seul.</translation>
    </message>
    <message>
        <source>Back online.</source>
        <translation>De nouveau en ligne.</translation>
    </message>
    <message numerus="yes">
        <source>Back online: applied %Ln revocations made while offline.</source>
        <translation>
            <numerusform>De nouveau en ligne : %Ln révocation faite hors ligne a été appliquée.</numerusform>
            <numerusform>De nouveau en ligne : %Ln révocations faites hors ligne ont été appliquées.</numerusform>
        </translation>
    </message>
    <message>
        <source>The database server cannot be reached.</source>
        <translation>Le serveur de base de données est injoignable.</translation>
    </message>
    <message>
        <source>Currently open: {database}.</source>
        <translation>Actuellement ouverte : {database}.</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>Ouvrir une base de données</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Opened {database}.</source>
        <translation>{database} ouverte.</translation>
    </message>
    <message>
        <source>Manage the API keys of an AI platform.</source>
        <translation>Gérer les clés d&apos;API d&apos;une plateforme d&apos;IA.</translation>
    </message>
    <message>
        <source>Database: {url}</source>
        <translation>Base de données : {url}</translation>
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
    <name>ModelsPage</name>
    <message>
        <source>Skills are not active yet</source>
        <translation>Les compétences ne sont pas encore actives</translation>
    </message>
    <message>
        <source>New model name, e.g. alfred-4</source>
        <translation>Nom du nouveau modèle, par ex. alfred-4</translation>
    </message>
    <message>
        <source>New model name</source>
        <translation>Nom du nouveau modèle</translation>
    </message>
    <message>
        <source>Type a model name and press Enter to add it to the catalog</source>
        <translation>Saisissez un nom de modèle et appuyez sur Entrée pour l&apos;ajouter au catalogue</translation>
    </message>
    <message>
        <source>Add model</source>
        <translation>Ajouter le modèle</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>The models a key may be granted</source>
        <translation>Les modèles qu&apos;une clé peut être autorisée à appeler</translation>
    </message>
    <message>
        <source>Skills (not active yet)</source>
        <translation>Compétences (pas encore actives)</translation>
    </message>
    <message>
        <source>Skills — not active yet</source>
        <translation>Compétences — pas encore actives</translation>
    </message>
    <message>
        <source>Keys may call only the models they are granted. Skills are stored with the keys but cannot be granted until they become active.</source>
        <translation>Une clé ne peut appeler que les modèles qui lui sont autorisés. Les compétences sont enregistrées avec les clés, mais ne peuvent être accordées qu&apos;une fois actives.</translation>
    </message>
    <message>
        <source>You are offline: adding models is not possible until the database server is back.</source>
        <translation>Vous êtes hors ligne : impossible d&apos;ajouter des modèles tant que le serveur de base de données n&apos;est pas revenu.</translation>
    </message>
    <message>
        <source>the catalog</source>
        <translation>le catalogue</translation>
    </message>
    <message>
        <source>No skills in the catalog</source>
        <translation>Aucune compétence dans le catalogue</translation>
    </message>
    <message>
        <source>Could not load the catalog</source>
        <translation>Impossible de charger le catalogue</translation>
    </message>
    <message>
        <source>Could not add the model</source>
        <translation>Impossible d&apos;ajouter le modèle</translation>
    </message>
    <message>
        <source>Added the model {name}.</source>
        <translation>Modèle {name} ajouté.</translation>
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
    <name>Offline</name>
    <message>
        <source>1 pending revocation applied</source>
        <translation>1 révocation en attente appliquée</translation>
    </message>
    <message>
        <source>{count} pending revocations applied</source>
        <translation>{count} révocations en attente appliquées</translation>
    </message>
    <message>
        <source>1 key already revoked</source>
        <translation>1 clé déjà révoquée</translation>
    </message>
    <message>
        <source>{count} keys already revoked</source>
        <translation>{count} clés déjà révoquées</translation>
    </message>
    <message>
        <source>1 key no longer on the server</source>
        <translation>1 clé qui n&apos;est plus sur le serveur</translation>
    </message>
    <message>
        <source>{count} keys no longer on the server</source>
        <translation>{count} clés qui ne sont plus sur le serveur</translation>
    </message>
    <message>
        <source>1 revocation still pending</source>
        <translation>1 révocation toujours en attente</translation>
    </message>
    <message>
        <source>{count} revocations still pending</source>
        <translation>{count} révocations toujours en attente</translation>
    </message>
    <message>
        <source>No revocation was pending.</source>
        <translation>Aucune révocation n&apos;était en attente.</translation>
    </message>
    <message>
        <source>{first}; {rest}</source>
        <translation>{first} ; {rest}</translation>
    </message>
    <message>
        <source>{parts}.</source>
        <translation>{parts}.</translation>
    </message>
    <message>
        <source>You are offline: the revocation of 1 key is pending and will be applied when the database server is back.</source>
        <translation>Vous êtes hors ligne : la révocation d&apos;1 clé est en attente et sera appliquée au retour du serveur de base de données.</translation>
    </message>
    <message>
        <source>You are offline: the revocation of {count} keys is pending and will be applied when the database server is back.</source>
        <translation>Vous êtes hors ligne : la révocation de {count} clés est en attente et sera appliquée au retour du serveur de base de données.</translation>
    </message>
    <message>
        <source>Revoked 1 key.</source>
        <translation>1 clé révoquée.</translation>
    </message>
    <message>
        <source>Revoked {count} keys.</source>
        <translation>{count} clés révoquées.</translation>
    </message>
    <message>
        <source>Offline — no saved data</source>
        <translation>Hors ligne — aucune donnée enregistrée</translation>
    </message>
    <message>
        <source>Offline — data as of {time}</source>
        <translation>Hors ligne — données du {time}</translation>
    </message>
    <message>
        <source>{reason}; there is no offline copy of its keys on this computer yet, so keydesk cannot start offline.</source>
        <translation>{reason} ; il n&apos;y a encore aucune copie hors ligne de ses clés sur cet ordinateur, donc keydesk ne peut pas démarrer hors ligne.</translation>
    </message>
    <message>
        <source>loading the keys</source>
        <translation>le chargement des clés</translation>
    </message>
    <message>
        <source>saving the offline copy</source>
        <translation>l&apos;enregistrement de la copie hors ligne</translation>
    </message>
    <message>
        <source>revoking keys</source>
        <translation>la révocation de clés</translation>
    </message>
    <message>
        <source>database file {path}</source>
        <translation>le fichier de base de données {path}</translation>
    </message>
    <message>
        <source>The {where} has not answered for {seconds} seconds.</source>
        <translation>Sans réponse depuis {seconds} secondes : {where}.</translation>
    </message>
    <message>
        <source>applying the pending revocations</source>
        <translation>l&apos;application des révocations en attente</translation>
    </message>
    <message>
        <source>The connection to the {where} was lost.</source>
        <translation>Connexion perdue avec {where}.</translation>
    </message>
    <message>
        <source>You are offline: {action} is not possible until the database file can be reached again.</source>
        <translation>Vous êtes hors ligne : {action} n&apos;est pas possible tant que le fichier de base de données reste inaccessible.</translation>
    </message>
    <message>
        <source>You are offline: {action} is not possible until the database server is back; you can still revoke keys.</source>
        <translation>Vous êtes hors ligne : {action} n&apos;est pas possible tant que le serveur de base de données n&apos;est pas revenu ; vous pouvez toujours révoquer des clés.</translation>
    </message>
    <message>
        <source>The database server stopped answering while {action}, so the change may not have been saved; keydesk is offline now and reconnects by itself.</source>
        <translation>Le serveur de base de données a cessé de répondre pendant {action}, donc la modification n&apos;a peut-être pas été enregistrée ; keydesk est maintenant hors ligne et se reconnectera de lui-même.</translation>
    </message>
    <message>
        <source>The database file {path} cannot be reached.</source>
        <translation>Le fichier de base de données {path} est inaccessible.</translation>
    </message>
    <message>
        <source>The offline copy has no key with the prefix {prefix}.</source>
        <translation>La copie hors ligne ne contient aucune clé avec le préfixe {prefix}.</translation>
    </message>
    <message>
        <source>creating keys</source>
        <translation>la création de clés</translation>
    </message>
    <message>
        <source>editing keys</source>
        <translation>la modification de clés</translation>
    </message>
    <message>
        <source>deleting keys</source>
        <translation>la suppression de clés</translation>
    </message>
    <message>
        <source>reloading the keys</source>
        <translation>le rechargement des clés</translation>
    </message>
    <message>
        <source>opening the key details</source>
        <translation>l&apos;ouverture du détail de la clé</translation>
    </message>
    <message>
        <source>rotating keys</source>
        <translation>la rotation de clés</translation>
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
    <name>PendingRevocationDelegate</name>
    <message>
        <source>Revocation pending</source>
        <translation>Révocation en attente</translation>
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
    <name>Roles</name>
    <message>
        <source>create keys</source>
        <translation>créer des clés</translation>
    </message>
    <message>
        <source>change keys</source>
        <translation>modifier des clés</translation>
    </message>
    <message>
        <source>revoke keys</source>
        <translation>révoquer des clés</translation>
    </message>
    <message>
        <source>delete keys</source>
        <translation>supprimer des clés</translation>
    </message>
    <message>
        <source>add or change users</source>
        <translation>ajouter ou modifier des utilisateurs</translation>
    </message>
    <message>
        <source>change the catalog of models and skills</source>
        <translation>modifier le catalogue des modèles et des compétences</translation>
    </message>
    <message>
        <source>The database file is read-only for you, so keydesk can only show it.</source>
        <translation>Le fichier de base de données est en lecture seule pour vous : keydesk peut seulement l&apos;afficher.</translation>
    </message>
    <message>
        <source>Your database role ({role})</source>
        <translation>Votre rôle de base de données ({role})</translation>
    </message>
    <message>
        <source>Your database role</source>
        <translation>Votre rôle de base de données</translation>
    </message>
    <message>
        <source>{who} may only inspect and revoke keys.</source>
        <translation>{who} permet seulement de consulter et de révoquer des clés.</translation>
    </message>
    <message>
        <source>{who} may only inspect keys.</source>
        <translation>{who} permet seulement de consulter des clés.</translation>
    </message>
    <message>
        <source>{who} may not {action}.</source>
        <translation>{who} ne permet pas de {action}.</translation>
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
    <name>SearchHint</name>
    <message>
        <source>Search the keys loaded so far…</source>
        <translation>Rechercher parmi les clés déjà chargées…</translation>
    </message>
    <message>
        <source>Keys are still loading: a search covers those loaded so far</source>
        <translation>Les clés se chargent encore : une recherche ne porte que sur celles déjà chargées</translation>
    </message>
</context>
<context>
    <name>StatusFilterBox</name>
    <message>
        <source>Status filter</source>
        <translation>Filtre d&apos;état</translation>
    </message>
    <message>
        <source>Show the keys of one status: active, expiring within {days} days, expired or revoked</source>
        <translation>Afficher les clés d&apos;un seul état : actives, expirant d&apos;ici {days} jours, expirées ou révoquées</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Toutes</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actives</translation>
    </message>
    <message>
        <source>Expiring soon</source>
        <translation>Expirant bientôt</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirées</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Révoquées</translation>
    </message>
    <message>
        <source>{status} ({count})</source>
        <translation>{status} ({count})</translation>
    </message>
    <message>
        <source>Show every status</source>
        <translation>Afficher tous les états</translation>
    </message>
    <message>
        <source>Show the key</source>
        <translation>Afficher la clé</translation>
    </message>
    <message numerus="yes">
        <source>Show all %Ln keys</source>
        <translation>
            <numerusform>Afficher la clé</numerusform>
            <numerusform>Afficher les %Ln clés</numerusform>
        </translation>
    </message>
    <message>
        <source>No key matches “{search}”</source>
        <translation>Aucune clé ne correspond à « {search} »</translation>
    </message>
    <message>
        <source>No key</source>
        <translation>Aucune clé</translation>
    </message>
    <message>
        <source>The status filter shows every key.</source>
        <translation>Le filtre d&apos;état affiche toutes les clés.</translation>
    </message>
    <message>
        <source>No active key matches “{search}”</source>
        <translation>Aucune clé active ne correspond à « {search} »</translation>
    </message>
    <message>
        <source>No key is active</source>
        <translation>Aucune clé n&apos;est active</translation>
    </message>
    <message>
        <source>The status filter shows active keys only.</source>
        <translation>Le filtre d&apos;état n&apos;affiche que les clés actives.</translation>
    </message>
    <message>
        <source>No expiring soon key matches “{search}”</source>
        <translation>Aucune clé qui expire bientôt ne correspond à « {search} »</translation>
    </message>
    <message>
        <source>No key is expiring soon</source>
        <translation>Aucune clé n&apos;expire bientôt</translation>
    </message>
    <message>
        <source>The status filter shows expiring soon keys only.</source>
        <translation>Le filtre d&apos;état n&apos;affiche que les clés qui expirent bientôt.</translation>
    </message>
    <message>
        <source>No expired key matches “{search}”</source>
        <translation>Aucune clé expirée ne correspond à « {search} »</translation>
    </message>
    <message>
        <source>No key is expired</source>
        <translation>Aucune clé n&apos;a expiré</translation>
    </message>
    <message>
        <source>The status filter shows expired keys only.</source>
        <translation>Le filtre d&apos;état n&apos;affiche que les clés expirées.</translation>
    </message>
    <message>
        <source>No revoked key matches “{search}”</source>
        <translation>Aucune clé révoquée ne correspond à « {search} »</translation>
    </message>
    <message>
        <source>No key is revoked</source>
        <translation>Aucune clé n&apos;est révoquée</translation>
    </message>
    <message>
        <source>The status filter shows revoked keys only.</source>
        <translation>Le filtre d&apos;état n&apos;affiche que les clés révoquées.</translation>
    </message>
</context>
<context>
    <name>ThemeManager</name>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
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
<context>
    <name>Users</name>
    <message>
        <source>reading the users</source>
        <translation>la lecture des utilisateurs</translation>
    </message>
    <message>
        <source>An email address is required.</source>
        <translation>Une adresse e-mail est obligatoire.</translation>
    </message>
    <message>
        <source>{email} is not a valid email address: {reason}</source>
        <translation>{email} n&apos;est pas une adresse e-mail valide : {reason}</translation>
    </message>
    <message>
        <source>The display name must have at most {count} characters.</source>
        <translation>Le nom d&apos;affichage doit comporter au plus {count} caractères.</translation>
    </message>
    <message>
        <source>A user with the email {email} already exists.</source>
        <translation>Un utilisateur avec l&apos;e-mail {email} existe déjà.</translation>
    </message>
    <message>
        <source>There is no user with the email {email}.</source>
        <translation>Il n&apos;existe aucun utilisateur avec l&apos;e-mail {email}.</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Nom d&apos;affichage</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Clés</translation>
    </message>
    <message>
        <source>Search email or name…</source>
        <translation>Rechercher un e-mail ou un nom…</translation>
    </message>
    <message>
        <source>Search users</source>
        <translation>Rechercher des utilisateurs</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>Ajouter un utilisateur…</translation>
    </message>
    <message>
        <source>Edit display name…</source>
        <translation>Modifier le nom d&apos;affichage…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Désactiver</translation>
    </message>
    <message>
        <source>Show keys</source>
        <translation>Afficher les clés</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Utilisateurs</translation>
    </message>
    <message>
        <source>Email, display name, status and number of keys of each user</source>
        <translation>E-mail, nom d&apos;affichage, état et nombre de clés de chaque utilisateur</translation>
    </message>
    <message>
        <source>Deactivated users keep their keys, which keep working; they cannot be given new keys.</source>
        <translation>Les utilisateurs désactivés gardent leurs clés, qui continuent de fonctionner ; on ne peut pas leur en attribuer de nouvelles.</translation>
    </message>
    <message>
        <source>List the selected user&apos;s keys on the API Keys page</source>
        <translation>Afficher les clés de l&apos;utilisateur sélectionné sur la page Clés d&apos;API</translation>
    </message>
    <message>
        <source>users and their key counts</source>
        <translation>les utilisateurs et leur nombre de clés</translation>
    </message>
    <message>
        <source>Could not load the users</source>
        <translation>Impossible de charger les utilisateurs</translation>
    </message>
    <message>
        <source>You are offline: changing users is not possible until the database server is back.</source>
        <translation>Vous êtes hors ligne : impossible de modifier les utilisateurs tant que le serveur de base de données n&apos;est pas revenu.</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Réactiver</translation>
    </message>
    <message>
        <source>Added the user {email}.</source>
        <translation>Utilisateur {email} ajouté.</translation>
    </message>
    <message>
        <source>Edit display name</source>
        <translation>Modifier le nom d&apos;affichage</translation>
    </message>
    <message>
        <source>Display name of {email}:</source>
        <translation>Nom d&apos;affichage de {email} :</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Could not rename the user</source>
        <translation>Impossible de renommer l&apos;utilisateur</translation>
    </message>
    <message>
        <source>Renamed {email} to {name}.</source>
        <translation>{email} s&apos;appelle maintenant {name}.</translation>
    </message>
    <message>
        <source>Deactivate {email}?</source>
        <translation>Désactiver {email} ?</translation>
    </message>
    <message>
        <source>Their existing keys keep working and can still be revoked; they cannot be given new keys until reactivated.</source>
        <translation>Ses clés existantes continuent de fonctionner et peuvent toujours être révoquées ; on ne pourra pas lui attribuer de nouvelles clés avant sa réactivation.</translation>
    </message>
    <message>
        <source>Deactivate user</source>
        <translation>Désactiver l&apos;utilisateur</translation>
    </message>
    <message>
        <source>Could not change the user</source>
        <translation>Impossible de modifier l&apos;utilisateur</translation>
    </message>
    <message>
        <source>Reactivated {email}.</source>
        <translation>{email} réactivé.</translation>
    </message>
    <message>
        <source>Deactivated {email}.</source>
        <translation>{email} désactivé.</translation>
    </message>
</context>
</TS>
