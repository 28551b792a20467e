package io.lastmile.billing.account;

import io.lastmile.billing.api.AccountPatch;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.billing.api.Page;
import io.lastmile.billing.audit.AuditTrail;
import io.lastmile.billing.db.tables.records.AccountRecord;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class AccountService {

    private final AccountRepository accounts;
    private final Clock clock;
    private final ContractFormat contractFormat;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;

    AccountService(
            AccountRepository accounts,
            Clock clock,
            @Value("${lastmile.billing.accounts.contract-format:{seq:6}}") String contractFormat,
            ApplicationEventPublisher events,
            AuditTrail audit) {
        this.accounts = accounts;
        this.clock = clock;
        this.events = events;
        this.audit = audit;
        this.contractFormat = new ContractFormat(contractFormat);
    }

    @Transactional(readOnly = true)
    AccountView get(long id) {
        return accounts.find(id).orElseThrow(() -> new NotFoundException("no account with id " + id));
    }

    @Transactional(readOnly = true)
    Page<AccountView> search(AccountQuery query, int page, int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw InvalidRequestException.of("size", "page must be 0 or more and size 1 to 500");
        }
        return new Page<>(accounts.search(query, page, size), accounts.count(query), page, size);
    }

    @Transactional
    AccountView open(NewAccount r) {
        var problems = new InvalidRequestException.Collector();
        if (r.name() == null) {
            problems.add("name", "is required");
        }
        AccountRules.text(problems, "name", r.name(), 500);
        AccountRules.text(problems, "contract", r.contract(), 64);
        AccountRules.text(problems, "address", r.address(), 1000);
        AccountRules.type(problems, r.type());
        AccountRules.taxId(problems, r.taxId());
        AccountRules.email(problems, r.email());
        AccountRules.phone(problems, r.phone());
        AccountRules.timeZone(problems, r.timeZone());
        AccountRules.currency(problems, r.currency() == null ? "RUB" : r.currency());
        AccountRules.percent(problems, r.discountPercent());
        AccountRules.creditLimit(problems, r.creditLimit());
        if ("COMPANY".equals(r.type()) && r.taxId() == null) {
            problems.add("taxId", "a company needs its tax id (INN)");
        }
        problems.throwIfAny();
        String contract = r.contract() != null
                ? r.contract().trim()
                : contractFormat.format(accounts.nextContractSequence(), LocalDate.now(clock));
        if (accounts.contractExists(contract, null)) {
            throw new ContractTakenException(contract);
        }
        AccountRecord record = new AccountRecord();
        record.setContract(contract);
        record.setName(r.name().trim());
        record.setType(r.type() == null ? "PERSON" : r.type());
        record.setTaxId(r.taxId());
        record.setPhone(r.phone());
        record.setEmail(r.email());
        record.setAddress(r.address());
        record.setTimeZone(r.timeZone() == null ? "Europe/Moscow" : r.timeZone());
        record.setCurrency(r.currency() == null ? "RUB" : r.currency());
        record.setDiscountPercent(r.discountPercent() == null ? BigDecimal.ZERO : r.discountPercent());
        record.setCreditLimit(r.creditLimit() == null ? BigDecimal.ZERO : r.creditLimit());
        record.setSettings(AccountRepository.json(r.settings()));
        AccountView created = accounts.insert(record, clock.instant());
        events.publishEvent(new AccountRegistered(created.id()));
        return created;
    }

    /** Changes what the patch gives; a change of status (a block, an unblock) goes to the audit. */
    @Transactional
    AccountView change(long id, AccountPatch p, String actor) {
        AccountRecord record = accounts.lock(id).orElseThrow(() -> new NotFoundException("no account with id " + id));
        var problems = new InvalidRequestException.Collector();
        AccountRules.text(problems, "name", p.name(), 500);
        AccountRules.text(problems, "contract", p.contract(), 64);
        AccountRules.text(problems, "address", p.address(), 1000);
        AccountRules.type(problems, p.type());
        AccountRules.taxId(problems, p.taxId());
        AccountRules.email(problems, p.email());
        AccountRules.phone(problems, p.phone());
        AccountRules.timeZone(problems, p.timeZone());
        AccountRules.percent(problems, p.discountPercent());
        AccountRules.creditLimit(problems, p.creditLimit());
        AccountRules.status(problems, p.status());
        String type = p.type() != null ? p.type() : record.getType();
        String taxId = p.taxId() != null ? p.taxId() : record.getTaxId();
        if ("COMPANY".equals(type) && taxId == null) {
            problems.add("taxId", "a company needs its tax id (INN)");
        }
        problems.throwIfAny();
        if (p.contract() != null && accounts.contractExists(p.contract().trim(), id)) {
            throw new ContractTakenException(p.contract().trim());
        }
        if (p.contract() != null) record.setContract(p.contract().trim());
        if (p.name() != null) record.setName(p.name().trim());
        if (p.type() != null) record.setType(p.type());
        if (p.taxId() != null) record.setTaxId(p.taxId());
        if (p.phone() != null) record.setPhone(p.phone());
        if (p.email() != null) record.setEmail(p.email());
        if (p.address() != null) record.setAddress(p.address());
        if (p.timeZone() != null) record.setTimeZone(p.timeZone());
        if (p.discountPercent() != null) record.setDiscountPercent(p.discountPercent());
        if (p.creditLimit() != null) record.setCreditLimit(p.creditLimit());
        String statusBefore = record.getStatus();
        if (p.status() != null) record.setStatus(p.status());
        if (p.settings() != null) record.setSettings(AccountRepository.json(p.settings()));
        AccountView changed = accounts.update(record, clock.instant());
        if (!changed.status().equals(statusBefore)) {
            audit.record(actor, "account.status", "account " + id, statusBefore + " → " + changed.status());
        }
        return changed;
    }
}
