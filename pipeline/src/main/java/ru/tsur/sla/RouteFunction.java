package ru.tsur.sla;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import ru.tsur.schema.Post;
import ru.tsur.sla.routing.RoutingTable;

/**
 * Fills {@code Post.responsible} with the first responder of the routing table (level 0) for actionable posts, so
 * rows of the posts dataset say who must answer. Escalations are visible on the incident versions and alerts.
 */
public class RouteFunction extends RichMapFunction<Post, Post> {
    private final String routingResource;
    private transient RoutingTable routing;

    public RouteFunction(String routingResource) {
        this.routingResource = routingResource;
    }

    @Override
    public void open(OpenContext ctx) {
        routing = RoutingTable.load(routingResource);
    }

    @Override
    public Post map(Post p) {
        if (!p.getActionable() || p.getOfficial() || p.getResponsible() != null) {
            return p;
        }
        // set in place: the post is this operator's alone (nothing upstream keeps it), a copy would cost a deep copy
        p.setResponsible(routing.responsible(p.getRegionCode(), p.getRegion(), p.getMunicipality(), p.getSector(), 0));
        return p;
    }
}
