import { FormattedText } from "../../../components/formatted-text.tsx";
import { useFormat, useT } from "../../../i18n/i18n.tsx";
import type { Order } from "../../../lib/api-types.ts";

/** An order from the catalogue, as a small table with its total. */
export function OrderContent({ order }: { order: Order }) {
  const t = useT();
  const format = useFormat();
  const items = order.items ?? [];
  const currencies = new Set(items.map((item) => item.currency));
  const [currency] = currencies;
  const total = items.reduce((sum, item) => sum + item.quantity * item.itemPrice, 0);
  return (
    <div className="space-y-1">
      <p className="text-sm font-semibold">{t("message.order")}</p>
      <table className="w-full text-left text-xs">
        <thead>
          <tr className="border-b border-black/10 dark:border-white/10">
            <th scope="col" className="py-1 pr-2 font-medium">
              {t("message.order.product")}
            </th>
            <th scope="col" className="py-1 pr-2 text-right font-medium">
              {t("message.order.quantity")}
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              {t("message.order.price")}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.productRetailerId}>
              <td className="py-0.5 pr-2 break-all">{item.productRetailerId}</td>
              <td className="py-0.5 pr-2 text-right">{format.number(item.quantity)}</td>
              <td className="py-0.5 text-right">{format.currency(item.itemPrice, item.currency)}</td>
            </tr>
          ))}
        </tbody>
        {currency && currencies.size === 1 ? (
          <tfoot>
            <tr className="border-t border-black/10 font-semibold dark:border-white/10">
              <th scope="row" colSpan={2} className="py-1 pr-2 text-left">
                {t("message.order.total")}
              </th>
              <td className="py-1 text-right">{format.currency(total, currency)}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
      {order.text ? <FormattedText text={order.text} className="block text-sm" /> : null}
    </div>
  );
}
