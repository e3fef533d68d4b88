<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
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
    <name>ExpiryReminder</name>
    <message>
        <source>Show the keys that expire within {days} days (the Expiring soon filter)</source>
        <translation>Afficher les clés qui expirent d&apos;ici {days} jours (le filtre Expirant bientôt)</translation>
    </message>
    <message>
        <source>Reminder: {text}</source>
        <translation>Rappel : {text}</translation>
    </message>
    <message>
        <source>1 key expires within {days} days</source>
        <translation>1 clé expire d&apos;ici {days} jours</translation>
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
    <message>
        <source>Exported 1 key to {path}.</source>
        <translation>1 clé exportée dans {path}.</translation>
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
    <message>
        <source>1 selected key already revoked stays as it is.</source>
        <translation>1 clé sélectionnée déjà révoquée reste telle quelle.</translation>
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
    <message>
        <source>Revoking 1 key…</source>
        <translation>Révocation de 1 clé…</translation>
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
    <message>
        <source>Deleting 1 key…</source>
        <translation>Suppression de 1 clé…</translation>
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
    <message>
        <source>Expires in 1 day</source>
        <translation>Expire dans 1 jour</translation>
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
    <message>
        <source>Applied 1 revocation made while offline.</source>
        <translation>1 révocation faite hors ligne a été appliquée.</translation>
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
    <message>
        <source>{shown} of 1 key</source>
        <translation>{shown} sur 1 clé</translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln keys</source>
        <translation>
            <numerusform>{shown} sur %Ln clé</numerusform>
            <numerusform>{shown} sur %Ln clés</numerusform>
        </translation>
    </message>
    <message>
        <source>1 revocation pending</source>
        <translation>1 révocation en attente</translation>
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
    <message>
        <source>Back online: applied 1 revocation made while offline.</source>
        <translation>De nouveau en ligne : 1 révocation faite hors ligne a été appliquée.</translation>
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
    <name>Offline</name>
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
        <source>revoking keys</source>
        <translation>la révocation de clés</translation>
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
    <name>PendingRevocationDelegate</name>
    <message>
        <source>Revocation pending</source>
        <translation>Révocation en attente</translation>
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
</TS>
